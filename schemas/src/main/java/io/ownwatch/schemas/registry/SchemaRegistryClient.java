package io.ownwatch.schemas.registry;

import org.apache.avro.Schema;

/**
 * The part of the Confluent Schema Registry API that a wire-format serializer and deserializer need.
 * Implementations cache, so the per-record path makes no remote call after the first record of a schema.
 */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} (or finds it if already registered) and returns its global id.
     *
     * @throws SchemaRegistryException when the registry refuses it (e.g. 409 incompatible) or cannot be reached
     */
    int register(String subject, Schema schema);

    /**
     * Looks up the global id of {@code schema} under {@code subject} without registering it.
     *
     * @throws SchemaRegistryException with error code 40401 (subject) or 40403 (schema) when it is not registered
     */
    int getId(String subject, Schema schema);

    /**
     * The schema with the global id {@code id}.
     *
     * @throws SchemaRegistryException with error code 40403 when no schema has that id
     */
    Schema getById(int id);

    /**
     * The latest version registered under {@code subject}.
     *
     * @throws SchemaRegistryException with error code 40401 when the subject does not exist
     */
    RegisteredSchema getLatest(String subject);

    /** Where this client talks to, for error messages. */
    String describe();
}
