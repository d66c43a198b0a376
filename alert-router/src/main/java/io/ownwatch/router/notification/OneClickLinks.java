package io.ownwatch.router.notification;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks the one-click links in notifications. A link names the incident, the action, the person it acts
 * as and when it expires, and carries an HMAC-SHA256 over exactly those four, so the signature is the credential:
 * change any of them (or use it on another incident) and it no longer matches. Pure: the caller passes the time.
 */
public final class OneClickLinks {

    /** Path of the links below the public URL: {@code /api/v1/links/<incident>/<action>}. */
    public static final String PATH = "/api/v1/links";
    private static final String HMAC = "HmacSHA256";

    private final SecretKeySpec key;
    private final Duration expiry;
    private final String base;

    public OneClickLinks(String secret, Duration expiry, URI publicUrl) {
        this.key = new SecretKeySpec(Objects.requireNonNull(secret, "secret").getBytes(StandardCharsets.UTF_8), HMAC);
        this.expiry = Objects.requireNonNull(expiry, "expiry");
        String url = publicUrl.toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    public static OneClickLinks of(NotificationProperties properties) {
        return new OneClickLinks(properties.links().secret(), properties.links().expiry(), properties.publicUrl());
    }

    /** A link for the person to take the action on the incident, valid from now for the configured expiry. */
    public URI link(UUID incidentId, LinkAction action, String person, Instant now) {
        long expires = now.plus(expiry).getEpochSecond();
        return URI.create(base + PATH + "/" + incidentId + "/" + action.path()
                + "?person=" + URLEncoder.encode(person, StandardCharsets.UTF_8)
                + "&expires=" + expires
                + "&signature=" + signature(incidentId, action, person, expires));
    }

    /** Where the incident itself can be read. */
    public URI incident(UUID incidentId) {
        return URI.create(base + "/api/v1/incidents/" + incidentId);
    }

    /**
     * Checks a link's parts as they arrived.
     *
     * @throws LinkRefused when a part is missing or malformed, the signature does not match, or it has expired
     */
    public SignedAction verify(String incidentId, String action, String person, String expires, String signature,
            Instant now) {
        UUID incident;
        try {
            incident = UUID.fromString(Objects.requireNonNullElse(incidentId, ""));
        } catch (IllegalArgumentException e) {
            throw LinkRefused.malformed("incidentId", "is not an incident id");
        }
        LinkAction linkAction = LinkAction.fromPath(Objects.requireNonNullElse(action, ""))
                .orElseThrow(() -> LinkRefused.malformed("action", "must be acknowledge or resolve"));
        if (person == null || person.isBlank()) {
            throw LinkRefused.malformed("person", "is missing");
        }
        long expiresAt;
        try {
            expiresAt = Long.parseLong(Objects.requireNonNullElse(expires, ""));
        } catch (NumberFormatException e) {
            throw LinkRefused.malformed("expires", "is not a time");
        }
        if (signature == null || signature.isBlank()) {
            throw LinkRefused.malformed("signature", "is missing");
        }
        byte[] expected = signature(incident, linkAction, person, expiresAt).getBytes(StandardCharsets.US_ASCII);
        // Constant time, so the signature cannot be guessed byte by byte from response times.
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            throw LinkRefused.badSignature();
        }
        // Checked after the signature: only a genuine link learns that it merely expired.
        if (now.getEpochSecond() >= expiresAt) {
            throw LinkRefused.expired();
        }
        return new SignedAction(incident, linkAction, person);
    }

    private String signature(UUID incidentId, LinkAction action, String person, long expires) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(key);
            byte[] digest = mac.doFinal(String.join("\n", incidentId.toString(), action.name(), person,
                    Long.toString(expires)).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
