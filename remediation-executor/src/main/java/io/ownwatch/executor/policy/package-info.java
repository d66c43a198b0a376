/**
 * The safety envelope: the pure decision whether a run may go ahead ({@link io.ownwatch.executor.policy.RemediationPolicy}),
 * and what operations set for it (ops rules, kill switches, global shadow mode).
 */
package io.ownwatch.executor.policy;
