package io.ownwatch.router.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.Notice;
import io.ownwatch.router.notification.TestNotices;
import org.junit.jupiter.api.Test;

class MailMessageTest {

    @Test
    void subjectNamesSeverityAndServiceAndBothPartsCarryTheLinks() {
        Notice notice = TestNotices.personPage(Channel.EMAIL, "bob@example.com");

        MailMessage mail = MailMessage.render(notice);

        assertThat(mail.subject()).isEqualTo("[Ownwatch] [CRITICAL] checkout: Checkout error rate <5% & rising");
        assertThat(mail.text()).contains("Checkout error rate <5% & rising").contains("Service:  checkout")
                .contains("Level:    2")
                .contains("Acknowledge: " + notice.links().acknowledge())
                .contains("Resolve: " + notice.links().resolve())
                .contains("Open incident: " + notice.links().open())
                .contains(notice.notificationId());
        assertThat(mail.html()).contains("<h2>Checkout error rate &lt;5% &amp; rising</h2>")
                .doesNotContain("<5%")
                .contains("href=\"" + notice.links().acknowledge().toString().replace("&", "&amp;") + "\"")
                .contains(">Acknowledge</a>").contains(">Resolve</a>");
    }

    @Test
    void theMessageIdIsTheNotificationIdInAFormMailSystemsAccept() {
        assertThat(MailMessage.messageId("4b0c:1:2:bob:EMAIL")).isEqualTo("<4b0c%3A1%3A2%3Abob%3AEMAIL@ownwatch>");
        assertThat(MailMessage.messageId("a b@c%")).isEqualTo("<a%20b%40c%25@ownwatch>");
        assertThat(MailMessage.messageId("x:1")).isNotEqualTo(MailMessage.messageId("x;1"));
    }

    @Test
    void aTeamPostHasOnlyTheIncidentLinkAndAStormSummaryItsCounts() {
        MailMessage post = MailMessage.render(TestNotices.teamPost(Channel.EMAIL, "payments@example.com"));
        assertThat(post.text()).doesNotContain("Acknowledge:").contains("Open incident:");

        MailMessage storm = MailMessage.render(TestNotices.stormSummary(Channel.EMAIL, "payments@example.com"));
        assertThat(storm.subject()).isEqualTo("[Ownwatch] Page storm for team payments");
        assertThat(storm.text()).contains("held: 12").contains("summary: 12 pages held back");
        assertThat(storm.html()).contains("<th align=\"left\">held</th><td>12</td>");
    }
}
