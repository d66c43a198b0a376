/** Kafka adapter of the runbook catalog: publishes the outbox's approvals and retirements to the compacted runbooks.v1 as Avro RunbookVersion records. */
package io.ownwatch.registry.runbook.kafka;
