/**
 * The transactional outbox: services append the events a change announces in the change's own transaction, and a
 * relay publishes them to Kafka afterwards, in order, retried until the broker acknowledges.
 */
package io.ownwatch.edge.outbox;
