package io.ownwatch.router.notification.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.Notice;
import io.ownwatch.router.notification.TestNotices;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SlackMessageTest {

    private static final JsonMapper JSON = JsonMapper.shared();

    @Test
    void isABlockKitMessageWithHeaderFieldsSummaryButtonsAndTheNotificationId() {
        Notice notice = TestNotices.personPage(Channel.SLACK, "https://hooks.slack.com/services/T/B/X");

        JsonNode message = JSON.readTree(SlackMessage.render(notice));

        assertThat(message.get("text").stringValue()).isEqualTo("[CRITICAL] checkout: Checkout error rate <5% & rising");
        List<JsonNode> blocks = list(message.get("blocks"));
        assertThat(blocks).extracting(b -> b.get("type").stringValue())
                .containsExactly("header", "section", "section", "actions", "context");
        assertThat(blocks.get(0).get("text").get("type").stringValue()).isEqualTo("plain_text");
        assertThat(blocks.get(0).get("text").get("text").stringValue()).contains("CRITICAL").contains("checkout");
        assertThat(list(blocks.get(1).get("fields"))).extracting(f -> f.get("text").stringValue())
                .containsExactly("*Service*\ncheckout", "*Severity*\nCRITICAL", "*Team*\npayments", "*Level*\n2");
        assertThat(blocks.get(2).get("text").get("text").stringValue())
                .as("mrkdwn escaped").isEqualTo("Checkout error rate &lt;5% &amp; rising");
        List<JsonNode> buttons = list(blocks.get(3).get("elements"));
        assertThat(buttons).extracting(b -> b.get("text").get("text").stringValue())
                .containsExactly("Acknowledge", "Resolve", "Open incident");
        assertThat(buttons).extracting(b -> b.get("url").stringValue()).containsExactly(
                notice.links().acknowledge().toString(), notice.links().resolve().toString(),
                notice.links().open().toString());
        assertThat(buttons.get(0).get("style").stringValue()).isEqualTo("primary");
        assertThat(list(blocks.get(4).get("elements")).get(0).get("text").stringValue())
                .contains(notice.notificationId());
    }

    @Test
    void aTeamPostOnlyLinksToTheIncident() {
        JsonNode message = JSON.readTree(SlackMessage.render(TestNotices.teamPost(Channel.SLACK, "https://h/x")));

        JsonNode actions = list(message.get("blocks")).stream()
                .filter(b -> "actions".equals(b.get("type").stringValue())).findFirst().orElseThrow();
        assertThat(list(actions.get("elements"))).extracting(b -> b.get("action_id").stringValue()).containsExactly("open");
    }

    @Test
    void aStormSummaryNamesTheTeamAndItsCounts() {
        JsonNode message = JSON.readTree(SlackMessage.render(TestNotices.stormSummary(Channel.SLACK, "https://h/x")));

        List<JsonNode> blocks = list(message.get("blocks"));
        assertThat(blocks.get(0).get("text").get("text").stringValue()).isEqualTo("Page storm for team payments");
        assertThat(blocks.get(1).get("text").get("text").stringValue()).contains("*held*: 12");
        assertThat(blocks).extracting(b -> b.get("type").stringValue()).doesNotContain("actions");
    }

    private static List<JsonNode> list(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.values().forEach(list::add);
        return list;
    }
}
