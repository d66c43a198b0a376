/** The incident timeline: entries written to an outbox in the incident's transaction and relayed to incident.timeline.v1. */
package io.ownwatch.router.timeline;
