package io.ownwatch.router.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.Notice;
import io.ownwatch.router.notification.TestNotices;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class WebhookMessageTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void carriesTheNotificationIdTheIncidentAndTheLinks() {
        Notice notice = TestNotices.personPage(Channel.WEBHOOK, "https://hooks.example.com/x");

        JsonNode body = JSON.readTree(WebhookMessage.render(notice));

        assertThat(body.get("notificationId").stringValue()).isEqualTo(notice.notificationId());
        assertThat(body.get("kind").stringValue()).isEqualTo("PERSON_PAGE");
        assertThat(body.get("incidentId").stringValue()).isEqualTo(TestNotices.INCIDENT.toString());
        assertThat(body.get("status").stringValue()).isEqualTo("OPEN");
        assertThat(body.get("severity").stringValue()).isEqualTo("CRITICAL");
        assertThat(body.get("service").stringValue()).isEqualTo("checkout");
        assertThat(body.get("team").stringValue()).isEqualTo("payments");
        assertThat(body.get("summary").stringValue()).isEqualTo("Checkout error rate <5% & rising");
        assertThat(body.get("level").asInt()).isEqualTo(2);
        assertThat(body.get("person").stringValue()).isEqualTo("bob");
        assertThat(body.get("links").get("acknowledge").stringValue()).isEqualTo(notice.links().acknowledge().toString());
        assertThat(body.get("links").get("resolve").stringValue()).isEqualTo(notice.links().resolve().toString());
        assertThat(body.get("links").get("open").stringValue())
                .isEqualTo("https://ownwatch.example.com/api/v1/incidents/" + TestNotices.INCIDENT);
    }

    @Test
    void aTeamPostHasNoOneClickLinksAndAStormSummaryNoIncident() {
        JsonNode post = JSON.readTree(WebhookMessage.render(TestNotices.teamPost(Channel.WEBHOOK, "https://h/x")));
        assertThat(post.get("person").isNull()).isTrue();
        assertThat(post.get("links").get("acknowledge").isNull()).isTrue();
        assertThat(post.get("links").get("open").stringValue()).endsWith(TestNotices.INCIDENT.toString());

        JsonNode storm = JSON.readTree(WebhookMessage.render(TestNotices.stormSummary(Channel.WEBHOOK, "https://h/x")));
        assertThat(storm.get("kind").stringValue()).isEqualTo("STORM_SUMMARY");
        assertThat(storm.get("incidentId").isNull()).isTrue();
        assertThat(storm.get("summary").stringValue()).isEqualTo("12 pages held back");
        assertThat(storm.get("details").get("held").stringValue()).isEqualTo("12");
        assertThat(storm.get("notificationId").stringValue()).isEqualTo("storm:payments:2026-03-05T10:00");
    }
}
