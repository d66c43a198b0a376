package io.ownwatch.registry.bundle;

/** What a bundle declares, by the names a bundle and an import answer use. */
public enum Kind {
    PERSON("Person"), TEAM("Team"), MEMBERSHIP("Membership"), SCHEDULE("Schedule"),
    ESCALATION_POLICY("EscalationPolicy"), SERVICE("Service");

    private final String wireName;

    Kind(String wireName) {
        this.wireName = wireName;
    }

    /** The name in YAML ({@code kind: EscalationPolicy}) and in answers. */
    public String wireName() {
        return wireName;
    }

    /** What error messages call it: "escalation policy". */
    String label() {
        return this == ESCALATION_POLICY ? "escalation policy" : wireName.toLowerCase();
    }
}
