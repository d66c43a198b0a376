package io.ownwatch.registry.bundle;

import java.util.List;

/**
 * What an import does, or would do, to one object.
 *
 * @param kind   Team, Person, Membership, Schedule, EscalationPolicy or Service
 * @param id     the object's id ({@code team/person} for a membership)
 * @param action {@code create}, {@code update} or {@code unchanged}
 * @param fields for an update, the fields that change; empty otherwise
 */
public record Change(String kind, String id, String action, List<String> fields) {

    static final String CREATE = "create";
    static final String UPDATE = "update";
    static final String UNCHANGED = "unchanged";
}
