package io.ownwatch.router.escalation;

import java.util.List;

/** The contact rules people store with the router. */
public interface NotificationRules {

    /** A person's rules in order; empty when they stored none (the default applies). */
    List<ContactRule> of(String personId);

    /** Replaces a person's rules; an empty list returns them to the default. */
    void replace(String personId, List<ContactRule> rules);
}
