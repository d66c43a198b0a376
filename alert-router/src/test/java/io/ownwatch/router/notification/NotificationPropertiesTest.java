package io.ownwatch.router.notification;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NotificationPropertiesTest {

    @Test
    void backOffDoublesFromTheInitialWaitUpToItsMaximum() {
        NotificationProperties.Backoff backoff = new NotificationProperties.Backoff(Duration.ofSeconds(10), 2,
                Duration.ofMinutes(1));

        assertThat(backoff.after(1)).isEqualTo(Duration.ofSeconds(10));
        assertThat(backoff.after(2)).isEqualTo(Duration.ofSeconds(20));
        assertThat(backoff.after(3)).isEqualTo(Duration.ofSeconds(40));
        assertThat(backoff.after(4)).isEqualTo(Duration.ofMinutes(1));
        assertThat(backoff.after(60)).as("no overflow").isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aMultiplierOfOneWaitsTheSameEveryTime() {
        NotificationProperties.Backoff backoff = new NotificationProperties.Backoff(Duration.ofSeconds(3), 1,
                Duration.ofMinutes(1));

        assertThat(backoff.after(1)).isEqualTo(backoff.after(7)).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void refusesALeaseThatASendCouldOutlastAndATooShortLinkSecret() {
        Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

        assertThat(validator.validate(properties(Duration.ofMinutes(2), "a-secret-of-sixteen-or-more"))).isEmpty();
        Set<ConstraintViolation<NotificationProperties>> shortLease = validator.validate(
                properties(Duration.ofSeconds(5), "a-secret-of-sixteen-or-more"));
        assertThat(shortLease).extracting(v -> v.getPropertyPath().toString()).containsExactly("leaseLongerThanASend");
        assertThat(validator.validate(properties(Duration.ofMinutes(2), "short")))
                .extracting(v -> v.getPropertyPath().toString()).containsExactly("links.secret");
    }

    private static NotificationProperties properties(Duration lease, String secret) {
        return new NotificationProperties(true, Duration.ofSeconds(1), 20, 8, 5,
                new NotificationProperties.Backoff(Duration.ofSeconds(10), 2, Duration.ofMinutes(10)), lease,
                Duration.ofSeconds(2), Duration.ofSeconds(10),
                new NotificationProperties.Links(secret, Duration.ofHours(24)), URI.create("http://127.0.0.1:8080"),
                new NotificationProperties.Mail("ownwatch@localhost"));
    }
}
