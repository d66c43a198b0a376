package io.ownwatch.router.notification;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Notices for the rendering tests. */
public final class TestNotices {

    public static final UUID INCIDENT = UUID.fromString("4b0c7d5e-8a7f-4d7e-9b8c-1f2e3d4c5b6a");
    private static final OneClickLinks LINKS = new OneClickLinks("a-secret-of-sixteen-or-more", Duration.ofHours(24),
            URI.create("https://ownwatch.example.com"));
    private static final Instant NOW = Instant.parse("2026-03-05T10:00:00Z");

    private TestNotices() {
    }

    /** A level-2 page to bob about a critical checkout incident whose summary needs escaping. */
    public static Notice personPage(Channel channel, String address) {
        Page page = new Page(INCIDENT + ":1:2:bob:" + channel, INCIDENT, "payments", "bob", channel, address,
                Page.Kind.PERSON_PAGE, 2, Map.of());
        return new Notice(page, subject(), new Notice.Links(
                LINKS.link(INCIDENT, LinkAction.ACKNOWLEDGE, "bob", NOW),
                LINKS.link(INCIDENT, LinkAction.RESOLVE, "bob", NOW),
                LINKS.incident(INCIDENT)));
    }

    /** A post to the payments channel: no person, so no one-click links. */
    public static Notice teamPost(Channel channel, String address) {
        Page page = new Page(INCIDENT + ":team:" + channel, INCIDENT, "payments", null, channel, address,
                Page.Kind.TEAM_POST, 0, Map.of());
        return new Notice(page, subject(), new Notice.Links(null, null, LINKS.incident(INCIDENT)));
    }

    public static Notice stormSummary(Channel channel, String address) {
        Page page = new Page("storm:payments:2026-03-05T10:00", null, "payments", null, channel, address,
                Page.Kind.STORM_SUMMARY, 0, Map.of("summary", "12 pages held back", "held", "12"));
        return new Notice(page, null, null);
    }

    private static Notice.Subject subject() {
        return new Notice.Subject(INCIDENT, "OPEN", "CRITICAL", "checkout", "payments",
                "Checkout error rate <5% & rising");
    }
}
