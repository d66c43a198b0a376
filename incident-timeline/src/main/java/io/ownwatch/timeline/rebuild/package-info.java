/**
 * Rebuilding the store and the projection from {@code incident.timeline.v1}, the store of record: after a
 * projection change or a damaged database, the timeline is replayed from the topic's beginning.
 */
package io.ownwatch.timeline.rebuild;
