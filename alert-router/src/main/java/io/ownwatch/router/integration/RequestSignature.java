package io.ownwatch.router.integration;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The optional HMAC-SHA256 body signature: {@code X-Ownwatch-Signature: sha256=<hex>} over
 * {@code timestamp + "." + body}, with the timestamp (unix seconds) in {@code X-Ownwatch-Timestamp}. Signing
 * the timestamp with the body is what makes a captured request useless after the tolerance window.
 */
public final class RequestSignature {

    public static final String TIMESTAMP_HEADER = "X-Ownwatch-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Ownwatch-Signature";
    private static final String SCHEME = "sha256=";

    private RequestSignature() {
    }

    /**
     * Checks a request against the integration's secret; does nothing for an integration without one.
     *
     * @throws BadRequestSignature when a header is missing or malformed, the timestamp is outside the tolerance,
     *                             or the signature does not match
     */
    public static void verify(Integration integration, String timestamp, String signature, byte[] body,
            Instant now, Duration tolerance) {
        if (!integration.signed()) {
            return;
        }
        if (timestamp == null || timestamp.isBlank()) {
            throw new BadRequestSignature("This integration signs its requests: " + TIMESTAMP_HEADER + " is missing.");
        }
        if (signature == null || signature.isBlank()) {
            throw new BadRequestSignature("This integration signs its requests: " + SIGNATURE_HEADER + " is missing.");
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            throw new BadRequestSignature(TIMESTAMP_HEADER + " must be unix seconds.");
        }
        if (Math.abs(now.getEpochSecond() - seconds) > tolerance.toSeconds()) {
            throw new BadRequestSignature("The signed timestamp is more than " + tolerance.toMinutes()
                    + " minutes away from server time.");
        }
        String presented = signature.trim();
        if (!presented.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new BadRequestSignature(SIGNATURE_HEADER + " must be 'sha256=<hex>'.");
        }
        byte[] expected = sign(integration.signingSecret(), timestamp.trim(), body)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] given = presented.substring(SCHEME.length()).toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        // Constant time, so the comparison leaks nothing about how much of a forgery was right.
        if (!MessageDigest.isEqual(expected, given)) {
            throw new BadRequestSignature("The request signature does not match the body.");
        }
    }

    /** Lower-case hex of HMAC-SHA256(secret, timestamp + "." + body): what a sender puts after {@code sha256=}. */
    public static String sign(String secret, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(timestamp.getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
