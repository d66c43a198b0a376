/**
 * Kafka serializer and deserializer for Avro in Confluent's wire format (magic byte 0, 4-byte big-endian
 * schema id, Avro binary), configured with Confluent's own keys so either implementation can replace the other.
 */
package io.ownwatch.schemas.serde;
