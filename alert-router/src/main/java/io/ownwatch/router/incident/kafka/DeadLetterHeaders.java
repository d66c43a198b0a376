package io.ownwatch.router.incident.kafka;

import java.util.Optional;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.messaging.Message;

/** Reads the decoding failure that spring-kafka's ErrorHandlingDeserializer leaves in a header. */
final class DeadLetterHeaders {

    private static final LogAccessor LOG = new LogAccessor(DeadLetterHeaders.class);

    private DeadLetterHeaders() {
    }

    static Optional<DeserializationException> decodingFailure(Message<?> message) {
        Object value = message.getHeaders().get(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER);
        if (value instanceof byte[] bytes) {
            return Optional.ofNullable(SerializationUtils.byteArrayToDeserializationException(LOG,
                    new RecordHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, bytes)));
        }
        return value instanceof DeserializationException e ? Optional.of(e) : Optional.empty();
    }

    static Optional<DeserializationException> decodingFailure(Headers headers) {
        if (headers == null) {
            return Optional.empty();
        }
        Header header = headers.lastHeader(SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER);
        return header == null ? Optional.empty()
                : Optional.ofNullable(SerializationUtils.byteArrayToDeserializationException(LOG, header));
    }
}
