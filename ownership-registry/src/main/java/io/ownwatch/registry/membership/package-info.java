/** Team membership: which people belong to which teams, the fact access decisions are made from. */
package io.ownwatch.registry.membership;
