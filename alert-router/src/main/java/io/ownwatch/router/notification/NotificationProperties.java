package io.ownwatch.router.notification;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How notifications are delivered ({@code ownwatch.router.notification}).
 *
 * @param enabled        whether this instance delivers at all (every instance may: claims never overlap)
 * @param pollInterval   how long the worker rests between two looks at the queue
 * @param batchSize      at most this many due pages are claimed per look
 * @param concurrency    pages sent at the same time by one instance; the per-endpoint bulkhead keeps one slow
 *                       endpoint from taking them all
 * @param maxAttempts    sending attempts before a page is FAILED (an open circuit counts as an attempt)
 * @param backoff        the wait before the next attempt after a failed one
 * @param lease          how long a claimed page is hidden from other workers; an instance that dies while sending
 *                       leaves the page to be retried once its lease ran out, so it must outlast every send timeout
 * @param connectTimeout connecting to a webhook or Slack endpoint
 * @param requestTimeout a whole webhook or Slack call, answer included
 * @param links          the signed one-click links
 * @param publicUrl      where people reach this router: the base of every link in a message
 * @param mail           the e-mail channel (the SMTP server itself is Boot's {@code spring.mail.*})
 */
@Validated
@ConfigurationProperties("ownwatch.router.notification")
public record NotificationProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("1s") @NotNull Duration pollInterval,
        @DefaultValue("20") @Positive int batchSize,
        @DefaultValue("8") @Positive int concurrency,
        @DefaultValue("5") @Positive int maxAttempts,
        @DefaultValue @Valid @NotNull Backoff backoff,
        @DefaultValue("2m") @NotNull Duration lease,
        @DefaultValue("2s") @NotNull Duration connectTimeout,
        @DefaultValue("10s") @NotNull Duration requestTimeout,
        @DefaultValue @Valid @NotNull Links links,
        @DefaultValue("http://127.0.0.1:8080") @NotNull URI publicUrl,
        @DefaultValue @Valid @NotNull Mail mail) {

    /** A lease shorter than a send would let a second worker take a page that is still being sent. */
    @AssertTrue(message = "lease must be longer than connect-timeout plus request-timeout")
    public boolean isLeaseLongerThanASend() {
        return lease == null || connectTimeout == null || requestTimeout == null
                || lease.compareTo(connectTimeout.plus(requestTimeout)) > 0;
    }

    /**
     * Exponential back-off between attempts.
     *
     * @param initial    the wait after the first failed attempt
     * @param multiplier each further failure multiplies the wait by this
     * @param max        the wait never grows beyond this
     */
    public record Backoff(
            @DefaultValue("10s") @NotNull Duration initial,
            @DefaultValue("2") @DecimalMin("1.0") double multiplier,
            @DefaultValue("10m") @NotNull Duration max) {

        /** The wait after the given number of failed attempts (1 for the first failure). */
        public Duration after(int failedAttempts) {
            double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, failedAttempts - 1));
            return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
        }
    }

    /**
     * The signed one-click acknowledge and resolve links.
     *
     * @param secret the HMAC-SHA256 key; the default is for the embedded dev run only: set
     *               {@code OWNWATCH_LINK_SECRET} anywhere links leave your machine, and the same on every instance
     * @param expiry how long a link works after the message was sent
     */
    public record Links(
            @DefaultValue("ownwatch-dev-link-secret-not-for-production") @NotBlank @Size(min = 16) String secret,
            @DefaultValue("24h") @NotNull Duration expiry) {
    }

    /**
     * The e-mail channel.
     *
     * @param from the sender address of every notification e-mail
     */
    public record Mail(@DefaultValue("ownwatch@localhost") @NotBlank @Email String from) {
    }
}
