/** Escalation policies: ordered levels of targets (schedules, people, team channels), a delay between levels, a repeat count. */
package io.ownwatch.registry.escalation;
