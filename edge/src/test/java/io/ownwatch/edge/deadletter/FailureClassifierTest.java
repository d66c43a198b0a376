package io.ownwatch.edge.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

import io.ownwatch.schemas.serde.SchemaRegistryUnavailableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;

class FailureClassifierTest {

    private final FailureClassifier classifier = FailureClassifier.withBuiltIns(
            List.of(SequenceConflict.class.getName()), List.of());

    /** A service's own "this event can never be stored" exception, configured by name. */
    static class SequenceConflict extends RuntimeException {
        SequenceConflict() {
            super("sequence 1 is taken");
        }
    }

    static class StricterSequenceConflict extends SequenceConflict {
    }

    /** How Spring Cloud Stream and spring-kafka hand a listener's failure to the error handler. */
    private static Exception asListenerFailure(Throwable cause) {
        return new ListenerExecutionFailedException("Listener failed",
                new MessageHandlingException(new GenericMessage<>("payload"), "handler failed", cause));
    }

    private static DeserializationException undecodable(Throwable cause) {
        return new DeserializationException("failed to deserialize", new byte[] {1, 2, 3}, false, cause);
    }

    @Test
    void bytesThatAreNotOurWireFormatArePermanent() {
        assertThat(classifier.classify(undecodable(new SerializationException("Unknown magic byte 0x74"))))
                .isEqualTo(FailureClass.PERMANENT);
        assertThat(classifier.classify(new SerializationException("Cannot decode"))).isEqualTo(FailureClass.PERMANENT);
    }

    @Test
    void anUndecodableRecordWaitsForASchemaRegistryThatIsDown() {
        Exception failure = undecodable(new SchemaRegistryUnavailableException("Cannot fetch schema id 3",
                new ConnectException("Connection refused")));

        assertThat(classifier.classify(failure)).isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void refusedArgumentsAndConfiguredExceptionsArePermanentEvenWhenWrapped() {
        assertThat(classifier.classify(asListenerFailure(new IllegalArgumentException("bad severity"))))
                .isEqualTo(FailureClass.PERMANENT);
        assertThat(classifier.classify(asListenerFailure(new SequenceConflict()))).isEqualTo(FailureClass.PERMANENT);
        assertThat(classifier.classify(asListenerFailure(new StricterSequenceConflict())))
                .as("a subclass of a configured name").isEqualTo(FailureClass.PERMANENT);
    }

    @Test
    void theDatabaseOrBrokerBeingAwayIsTransientWhereverItSitsInTheCauseChain() {
        assertThat(classifier.classify(asListenerFailure(new DataAccessResourceFailureException("db down"))))
                .isEqualTo(FailureClass.TRANSIENT);
        assertThat(classifier.classify(asListenerFailure(new QueryTimeoutException("slow"))))
                .as("a TransientDataAccessException").isEqualTo(FailureClass.TRANSIENT);
        assertThat(classifier.classify(asListenerFailure(
                new IllegalStateException("pool", new SQLTransientConnectionException("timed out")))))
                .isEqualTo(FailureClass.TRANSIENT);
        assertThat(classifier.classify(asListenerFailure(
                new RuntimeException("x", new IOException("y", new ConnectException("Connection refused"))))))
                .isEqualTo(FailureClass.TRANSIENT);
        assertThat(classifier.classify(asListenerFailure(new TimeoutException("broker"))))
                .as("a Kafka RetriableException").isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void aTransientCauseWinsOverAPermanentWrapper() {
        Exception failure = asListenerFailure(new IllegalArgumentException("wrapped", new ConnectException("refused")));

        assertThat(classifier.classify(failure)).isEqualTo(FailureClass.TRANSIENT);
    }

    @Test
    void anythingElseIsOther() {
        assertThat(classifier.classify(asListenerFailure(new DataIntegrityViolationException("duplicate"))))
                .isEqualTo(FailureClass.OTHER);
        assertThat(classifier.classify(asListenerFailure(new NullPointerException()))).isEqualTo(FailureClass.OTHER);
        assertThat(classifier.classify(new IllegalStateException("?"))).isEqualTo(FailureClass.OTHER);
    }

    @Test
    void configuredTransientNamesAreHonoured() {
        FailureClassifier custom = FailureClassifier.withBuiltIns(List.of(),
                List.of(UnsupportedOperationException.class.getName()));

        assertThat(custom.classify(asListenerFailure(new UnsupportedOperationException("later"))))
                .isEqualTo(FailureClass.TRANSIENT);
        assertThat(classifier.classify(asListenerFailure(new UnsupportedOperationException("later"))))
                .isEqualTo(FailureClass.OTHER);
    }

    @Test
    void survivesACyclicCauseChain() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);

        assertThat(classifier.classify(a)).isEqualTo(FailureClass.OTHER);
    }
}
