package io.ownwatch.router.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
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
}
