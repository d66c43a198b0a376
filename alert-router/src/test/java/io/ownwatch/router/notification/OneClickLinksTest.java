package io.ownwatch.router.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class OneClickLinksTest {

    private static final Instant NOW = Instant.parse("2026-03-05T10:00:00Z");
    private static final UUID INCIDENT = UUID.fromString("4b0c7d5e-8a7f-4d7e-9b8c-1f2e3d4c5b6a");

    private final OneClickLinks links = new OneClickLinks("a-secret-of-sixteen-or-more", Duration.ofHours(24),
            URI.create("https://ownwatch.example.com/"));

    @Test
    void aLinkNamesIncidentActionPersonAndExpiryBelowThePublicUrl() {
        URI link = links.link(INCIDENT, LinkAction.ACKNOWLEDGE, "bob", NOW);

        assertThat(link.toString()).startsWith("https://ownwatch.example.com/api/v1/links/" + INCIDENT + "/acknowledge?");
        Map<String, String> query = query(link);
        assertThat(query).containsEntry("person", "bob")
                .containsEntry("expires", Long.toString(NOW.plus(Duration.ofHours(24)).getEpochSecond()))
                .containsKey("signature");
    }

    @Test
    void acceptsItsOwnLinkUntilItExpires() {
        Map<String, String> q = query(links.link(INCIDENT, LinkAction.RESOLVE, "erin@example.com", NOW));

        SignedAction action = verify(INCIDENT.toString(), "resolve", q, NOW.plus(Duration.ofHours(23)));

        assertThat(action).isEqualTo(new SignedAction(INCIDENT, LinkAction.RESOLVE, "erin@example.com"));
    }

    @Test
    void refusesAnExpiredLink() {
        Map<String, String> q = query(links.link(INCIDENT, LinkAction.ACKNOWLEDGE, "bob", NOW));

        assertThatThrownBy(() -> verify(INCIDENT.toString(), "acknowledge", q, NOW.plus(Duration.ofHours(24))))
                .isInstanceOfSatisfying(LinkRefused.class, e -> {
                    assertThat(e.isExpired()).isTrue();
                    assertThat(e.field()).isEqualTo("expires");
                });
    }

    @Test
    void refusesALinkUsedOnAnotherIncidentForAnotherActionOrPerson() {
        Map<String, String> q = query(links.link(INCIDENT, LinkAction.ACKNOWLEDGE, "bob", NOW));

        assertBadSignature(() -> verify(UUID.randomUUID().toString(), "acknowledge", q, NOW));
        assertBadSignature(() -> verify(INCIDENT.toString(), "resolve", q, NOW));
        Map<String, String> otherPerson = new LinkedHashMap<>(q);
        otherPerson.put("person", "alice");
        assertBadSignature(() -> verify(INCIDENT.toString(), "acknowledge", otherPerson, NOW));
    }

    @Test
    void refusesATamperedSignatureOrExpiryAndAnotherSecretsLink() {
        Map<String, String> q = query(links.link(INCIDENT, LinkAction.ACKNOWLEDGE, "bob", NOW));
        Map<String, String> longer = new LinkedHashMap<>(q);
        longer.put("expires", Long.toString(Long.parseLong(q.get("expires")) + 86400));
        assertBadSignature(() -> verify(INCIDENT.toString(), "acknowledge", longer, NOW));
        Map<String, String> flipped = new LinkedHashMap<>(q);
        String signature = q.get("signature");
        flipped.put("signature", (signature.charAt(0) == 'A' ? 'B' : 'A') + signature.substring(1));
        assertBadSignature(() -> verify(INCIDENT.toString(), "acknowledge", flipped, NOW));

        OneClickLinks otherSecret = new OneClickLinks("another-secret-sixteen", Duration.ofHours(24),
                URI.create("https://ownwatch.example.com"));
        Map<String, String> foreign = query(otherSecret.link(INCIDENT, LinkAction.ACKNOWLEDGE, "bob", NOW));
        assertBadSignature(() -> verify(INCIDENT.toString(), "acknowledge", foreign, NOW));
    }

    @Test
    void refusesMalformedLinksNamingThePart() {
        Map<String, String> q = query(links.link(INCIDENT, LinkAction.ACKNOWLEDGE, "bob", NOW));
        assertRefused(() -> verify("not-a-uuid", "acknowledge", q, NOW), "incidentId");
        assertRefused(() -> verify(INCIDENT.toString(), "delete", q, NOW), "action");
        assertRefused(() -> links.verify(INCIDENT.toString(), "acknowledge", null, q.get("expires"), q.get("signature"), NOW), "person");
        assertRefused(() -> links.verify(INCIDENT.toString(), "acknowledge", "bob", "soon", q.get("signature"), NOW), "expires");
        assertRefused(() -> links.verify(INCIDENT.toString(), "acknowledge", "bob", q.get("expires"), "", NOW), "signature");
    }

    private SignedAction verify(String incident, String action, Map<String, String> q, Instant at) {
        return links.verify(incident, action, q.get("person"), q.get("expires"), q.get("signature"), at);
    }

    private static void assertBadSignature(org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LinkRefused.class, e -> {
            assertThat(e.field()).isEqualTo("signature");
            assertThat(e.isExpired()).isFalse();
        });
    }

    private static void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(LinkRefused.class, e -> assertThat(e.field()).isEqualTo(field));
    }

    static Map<String, String> query(URI link) {
        Map<String, String> query = new LinkedHashMap<>();
        for (String pair : link.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            query.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return query;
    }
}
