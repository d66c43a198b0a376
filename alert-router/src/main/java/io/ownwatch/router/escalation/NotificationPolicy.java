package io.ownwatch.router.escalation;

import io.ownwatch.router.notification.Channel;
import io.ownwatch.router.notification.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which pages one escalation step queues, as a pure function: each person paged by their contact rules (or the
 * default), each team channel posted to, every notification id derived from the step, so a step that runs twice
 * queues nothing twice and an incident gets at most one page per person, channel and level.
 */
public final class NotificationPolicy {

    private NotificationPolicy() {
    }

    /**
     * The step being notified.
     *
     * @param generation 1, more after a reassignment restarted the escalation
     * @param details    what every page of the step carries (summary, severity, reason...)
     */
    public record Step(UUID incidentId, String teamId, int generation, int round, int level,
            Map<String, String> details) {

        public Step {
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        /** {@code <incident>:r<round>:l<level>}, with {@code g<generation>} after a restart. */
        String prefix() {
            return incidentId + (generation > 1 ? ":g" + generation : "") + ":r" + round + ":l" + level;
        }
    }

    /** A page and how long after the step it falls due. */
    public record Planned(Page page, Duration delay) {
    }

    /**
     * The rules that apply to a person: the stored ones, or when there are none, EMAIL at once and, when the
     * person has a Slack webhook, SLACK at once.
     */
    public static List<ContactRule> rulesFor(List<ContactRule> stored, Contact person) {
        if (stored != null && !stored.isEmpty()) {
            return stored;
        }
        List<ContactRule> defaults = new ArrayList<>();
        defaults.add(new ContactRule(Channel.EMAIL, 0));
        if (person.slackWebhook() != null) {
            defaults.add(new ContactRule(Channel.SLACK, 0));
        }
        return defaults;
    }

    /**
     * The pages of one step.
     *
     * @param people   the persons paged (on call now, or named), each once
     * @param rules    a person's stored rules (empty when none)
     * @param channels the team channels told
     */
    public static List<Planned> plan(Step step, List<Contact> people, Function<String, List<ContactRule>> rules,
            List<TeamChannel> channels) {
        Map<String, Planned> planned = new LinkedHashMap<>();
        for (Contact person : people) {
            for (ContactRule rule : rulesFor(rules.apply(person.personId()), person)) {
                String address = person.address(rule.channel());
                if (address == null || address.isBlank()) {
                    // A rule for a channel the person has no address on cannot page them; the others still do.
                    continue;
                }
                String id = step.prefix() + ":" + person.personId() + ":" + rule.channel()
                        + (rule.afterMinutes() > 0 ? "+" + rule.afterMinutes() + "m" : "");
                planned.putIfAbsent(id, new Planned(new Page(id, step.incidentId(), step.teamId(), person.personId(),
                        rule.channel(), address, Page.Kind.PERSON_PAGE, step.level(), step.details()),
                        Duration.ofMinutes(rule.afterMinutes())));
            }
        }
        for (int i = 0; i < channels.size(); i++) {
            TeamChannel channel = channels.get(i);
            String id = step.prefix() + ":team-" + channel.teamId() + "-" + (i + 1) + ":" + channel.channel();
            planned.putIfAbsent(id, new Planned(new Page(id, step.incidentId(), channel.teamId(), null,
                    channel.channel(), channel.address(), Page.Kind.TEAM_POST, step.level(), step.details()),
                    Duration.ZERO));
        }
        return List.copyOf(planned.values());
    }
}
