/**
 * Ownership: finds the team owning an alert in a local view of {@code ownership.v1}, falling back to
 * the ownership-registry's {@code resolve} on a miss or while the view is stale, and to a catch-all
 * team when both fail. An alert is never dropped for want of an owner.
 */
package io.ownwatch.router.ownership;
