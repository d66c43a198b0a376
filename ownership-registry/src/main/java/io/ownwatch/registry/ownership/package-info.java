/** Services and the label matchers by which an alert finds the service (and so the team) that owns it. */
package io.ownwatch.registry.ownership;
