/**
 * Remediation runs: intake from the requests topic and from people, the state machine persisted before anything
 * acts, approvals, the worker that claims and runs them step by step, and their results through the outbox.
 */
package io.ownwatch.executor.run;
