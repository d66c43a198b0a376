/** Asks the ownership-registry which teams a person belongs to, as the executor's own client. */
package io.ownwatch.executor.policy.registry;
