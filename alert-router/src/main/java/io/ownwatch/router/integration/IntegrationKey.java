package io.ownwatch.router.integration;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An integration key: {@code owk_} followed by 32 random bytes, URL-safe base64 without padding, so it fits
 * a header, a JSON string and a path segment alike. The prefix lets the router tell a key from a JWT
 * without trying to decode it, and lets secret scanners recognise a leaked one.
 */
public final class IntegrationKey {

    public static final String PREFIX = "owk_";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private IntegrationKey() {
    }

    /** A new random key. */
    static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return PREFIX + ENCODER.encodeToString(bytes);
    }

    /** Whether a presented credential is meant as an integration key (it may still be unknown). */
    public static boolean looksLikeKey(String credential) {
        return credential != null && credential.startsWith(PREFIX);
    }

    /**
     * The form the key is stored and looked up in. A plain SHA-256 is enough: the key has 256 bits of
     * randomness, so there is nothing to guess, unlike a password that would need a slow hash.
     */
    static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
