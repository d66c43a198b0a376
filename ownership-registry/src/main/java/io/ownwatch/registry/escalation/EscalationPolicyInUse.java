package io.ownwatch.registry.escalation;

import java.util.List;

import io.ownwatch.registry.InUse;

/** The policy cannot be deleted while services escalate through it. */
public class EscalationPolicyInUse extends InUse {

    public EscalationPolicyInUse(String id, List<String> serviceIds) {
        super("escalation policy", id, serviceIds.stream().map(s -> new InUse.Reference("service", s)).toList());
    }
}
