package io.ownwatch.schemas.registry;

import java.util.Objects;

import org.apache.avro.Schema;

/**
 * One version of a subject, as the registry returns it.
 *
 * @param subject the subject, e.g. {@code alerts.v1-value}
 * @param version the version within the subject, from 1
 * @param id the global schema id written into every record's header
 * @param schema the parsed schema
 */
public record RegisteredSchema(String subject, int version, int id, Schema schema) {

    public RegisteredSchema {
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(schema, "schema");
    }
}
