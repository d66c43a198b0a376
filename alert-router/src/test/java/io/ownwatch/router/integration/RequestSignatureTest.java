package io.ownwatch.router.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class RequestSignatureTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final byte[] BODY = "{\"summary\":\"x\",\"severity\":\"error\"}".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "a-signing-secret-of-some-length";

    private final Integration signed = integration(SECRET);

    @Test
    void matchesAnHmacComputedIndependently() {
        // openssl: printf '%s' '1700000000.hello' | openssl dgst -sha256 -hmac 'key'
        assertThat(RequestSignature.sign("key", "1700000000", "hello".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("4d583a269f4f276a3fa80ff31b5a01879a848096983222a17893d198418939aa");
    }

    @Test
    void acceptsAGoodSignatureWithinTheWindowEitherWay() {
        for (long offset : new long[] {0, -300, 300}) {
            String timestamp = Long.toString(NOW.getEpochSecond() + offset);
            String signature = "sha256=" + RequestSignature.sign(SECRET, timestamp, BODY);
            assertThatCode(() -> RequestSignature.verify(signed, timestamp, signature, BODY, NOW, TOLERANCE))
                    .as("offset %d", offset).doesNotThrowAnyException();
        }
        String timestamp = Long.toString(NOW.getEpochSecond());
        String upper = "SHA256=" + RequestSignature.sign(SECRET, timestamp, BODY).toUpperCase();
        assertThatCode(() -> RequestSignature.verify(signed, timestamp, upper, BODY, NOW, TOLERANCE)).doesNotThrowAnyException();
    }

    @Test
    void refusesAStaleOrFutureTimestamp() {
        for (long offset : new long[] {-301, 301, -86_400}) {
            String timestamp = Long.toString(NOW.getEpochSecond() + offset);
            String signature = "sha256=" + RequestSignature.sign(SECRET, timestamp, BODY);
            assertThatThrownBy(() -> RequestSignature.verify(signed, timestamp, signature, BODY, NOW, TOLERANCE))
                    .as("offset %d", offset).isInstanceOf(BadRequestSignature.class).hasMessageContaining("5 minutes");
        }
    }

    @Test
    void refusesAChangedBodyAnotherSecretOrAnotherTimestamp() {
        String timestamp = Long.toString(NOW.getEpochSecond());
        String signature = "sha256=" + RequestSignature.sign(SECRET, timestamp, BODY);
        byte[] changed = "{\"summary\":\"y\",\"severity\":\"error\"}".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> RequestSignature.verify(signed, timestamp, signature, changed, NOW, TOLERANCE))
                .isInstanceOf(BadRequestSignature.class);
        assertThatThrownBy(() -> RequestSignature.verify(integration("another-secret-entirely"), timestamp, signature, BODY, NOW, TOLERANCE))
                .isInstanceOf(BadRequestSignature.class);
        String other = Long.toString(NOW.getEpochSecond() - 1);
        assertThatThrownBy(() -> RequestSignature.verify(signed, other, signature, BODY, NOW, TOLERANCE))
                .isInstanceOf(BadRequestSignature.class);
    }

    @Test
    void refusesMissingOrMalformedHeaders() {
        String timestamp = Long.toString(NOW.getEpochSecond());
        String hex = RequestSignature.sign(SECRET, timestamp, BODY);
        assertThatThrownBy(() -> RequestSignature.verify(signed, null, "sha256=" + hex, BODY, NOW, TOLERANCE))
                .isInstanceOf(BadRequestSignature.class).hasMessageContaining(RequestSignature.TIMESTAMP_HEADER);
        assertThatThrownBy(() -> RequestSignature.verify(signed, timestamp, null, BODY, NOW, TOLERANCE))
                .isInstanceOf(BadRequestSignature.class).hasMessageContaining(RequestSignature.SIGNATURE_HEADER);
        assertThatThrownBy(() -> RequestSignature.verify(signed, "2026-11-27T12:00:00Z", "sha256=" + hex, BODY, NOW, TOLERANCE))
                .isInstanceOf(BadRequestSignature.class).hasMessageContaining("unix seconds");
        assertThatThrownBy(() -> RequestSignature.verify(signed, timestamp, hex, BODY, NOW, TOLERANCE))
                .isInstanceOf(BadRequestSignature.class).hasMessageContaining("sha256=");
    }

    @Test
    void anIntegrationWithoutSecretNeedsNoSignature() {
        assertThatCode(() -> RequestSignature.verify(integration(null), null, null, BODY, NOW, TOLERANCE)).doesNotThrowAnyException();
    }

    @Test
    void keysArePrefixedUrlSafeAndDistinctAndHashToHex() {
        String key = IntegrationKey.generate();
        assertThat(key).startsWith("owk_").hasSize(4 + 43).matches("owk_[A-Za-z0-9_-]+");
        assertThat(IntegrationKey.generate()).isNotEqualTo(key);
        assertThat(IntegrationKey.hash(key)).hasSize(64).matches("[0-9a-f]+").isEqualTo(IntegrationKey.hash(key));
        assertThat(IntegrationKey.looksLikeKey(key)).isTrue();
        assertThat(IntegrationKey.looksLikeKey("eyJhbGciOi")).isFalse();
    }

    private static Integration integration(String secret) {
        return new Integration(UUID.randomUUID(), "test", IntegrationType.GENERIC, null, secret, NOW, "alice", null, null);
    }
}
