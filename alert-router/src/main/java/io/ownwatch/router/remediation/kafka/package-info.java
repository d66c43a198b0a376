/** Kafka adapter of remediation: runbooks.v1 into the catalog, remediation.results.v1 in, remediation.requests.v1 out; the Avro contracts stay here. */
package io.ownwatch.router.remediation.kafka;
