/**
 * A client for the Confluent Schema Registry REST API, so our serde works against Confluent's registry,
 * Karapace, Apicurio's ccompat API, Redpanda or the devstack registry alike.
 */
package io.ownwatch.schemas.registry;
