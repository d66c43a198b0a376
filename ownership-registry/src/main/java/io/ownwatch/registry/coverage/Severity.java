package io.ownwatch.registry.coverage;

/** How urgently a finding needs attention. */
public enum Severity {
    /** An alert can reach nobody, or its owner is ambiguous: fix before the next incident. */
    ERROR,
    /** Coverage is thinner than it looks (a gap a policy may still bridge, a team nobody is in). */
    WARNING,
    /** Worth knowing, works as documented (an overlap that precedence settles). */
    INFO
}
