package io.ownwatch.registry.runbook;

/** How much harm a run can do if it goes wrong; a HIGH-risk runbook never runs unattended. */
public enum RiskClass {
    LOW, MEDIUM, HIGH
}
