/** The escalation's questions to the ownership-registry over HTTP, guarded by Resilience4j. */
package io.ownwatch.router.escalation.registry;
