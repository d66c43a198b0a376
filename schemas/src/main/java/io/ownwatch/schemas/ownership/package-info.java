/**
 * What the selectors of the {@code ServiceOwnership} contract mean: how label matchers and Kubernetes
 * globs match an alert and which service wins when several do. Part of the contract, like the schema
 * itself, so that the registry (which answers {@code resolve}) and every consumer of
 * {@code ownership.v1} (the router's local view) can never disagree about who owns an alert.
 */
package io.ownwatch.schemas.ownership;
