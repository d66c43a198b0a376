/** Teams: the groups of people who own services and are paged for them. */
package io.ownwatch.registry.team;
