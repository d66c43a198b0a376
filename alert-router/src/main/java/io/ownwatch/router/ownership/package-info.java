/** Ownership: finds the team owning an alert through the ownership-registry, degrading to a catch-all team. */
package io.ownwatch.router.ownership;
