package io.ownwatch.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The record may be fine but the schema registry could not be asked about it. A subclass of
 * {@link SerializationException} as Kafka clients expect, yet distinguishable, so an error handler can
 * retry it instead of dead-lettering a good record while the registry is down.
 */
public class SchemaRegistryUnavailableException extends SerializationException {

    public SchemaRegistryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
