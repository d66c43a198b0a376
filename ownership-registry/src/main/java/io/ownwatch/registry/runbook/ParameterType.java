package io.ownwatch.registry.runbook;

/** The type of a runbook parameter: what the executor accepts as a value before it binds it into a step. */
public enum ParameterType {
    STRING, INT, ENUM
}
