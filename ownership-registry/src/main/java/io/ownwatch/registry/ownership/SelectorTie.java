package io.ownwatch.registry.ownership;

/** Saving the service would let it tie with another service for some alert: refused, so no alert is ever ambiguous. */
public class SelectorTie extends RuntimeException {

    private final String otherServiceId;

    public SelectorTie(String serviceId, Precedence.Tie tie) {
        super("Service '" + serviceId + "' could tie with service '" + tie.otherServiceId() + "' for the same alert: "
                + tie.reason() + ". Make one of them more specific (add a label matcher or an exact Kubernetes field) "
                + "or make their selectors exclude each other.");
        this.otherServiceId = tie.otherServiceId();
    }

    public String otherServiceId() {
        return otherServiceId;
    }
}
