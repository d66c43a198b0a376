package io.ownwatch.schemas;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ownwatch.events.AlertEvent;
import io.ownwatch.events.Severity;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

class EventContractsTest {

    @Test
    void trustsOurGeneratedClassesAndNothingElse() {
        EventContracts.trustGeneratedClasses();
        EventContracts.trustGeneratedClasses();

        assertThatCode(() -> ClassSecurityValidator.validate(AlertEvent.class)).doesNotThrowAnyException();
        assertThatCode(() -> ClassSecurityValidator.validate(Severity.class)).doesNotThrowAnyException();
        assertThatThrownBy(() -> ClassSecurityValidator.validate(java.net.URL.class))
                .isInstanceOf(SecurityException.class);
    }
}
