/** The incident timeline: entries appended to the shared transactional outbox in the incident's transaction and relayed to incident.timeline.v1. */
package io.ownwatch.router.timeline;
