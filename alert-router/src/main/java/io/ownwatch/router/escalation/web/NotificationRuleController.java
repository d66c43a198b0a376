package io.ownwatch.router.escalation.web;

import io.ownwatch.router.escalation.ContactRule;
import io.ownwatch.router.escalation.InvalidNotificationRule;
import io.ownwatch.router.escalation.NotificationRules;
import io.ownwatch.router.notification.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A person's contact rules: which channels page them, how many minutes after the step. The person themselves or an
 * ops-admin reads and replaces them; a person without rules gets the default (EMAIL, and SLACK when the registry
 * knows their Slack webhook, both at once), which GET reports with {@code "isDefault": true}.
 */
@RestController
@RequestMapping("/api/v1/people/{personId}/notification-rules")
@PreAuthorize("hasRole('OPS_ADMIN') or (hasAnyRole('RESPONDER', 'SUPPORT', 'VIEWER') and #personId == authentication.name)")
class NotificationRuleController {

    /** More rules than this are not a contact plan any more. */
    static final int MAX_RULES = 10;

    private final NotificationRules rules;

    NotificationRuleController(NotificationRules rules) {
        this.rules = rules;
    }

    record RuleJson(@NotNull Channel channel, @NotNull @Min(0) @Max(ContactRule.MAX_AFTER_MINUTES) Integer afterMinutes) {
    }

    record RulesJson(@NotNull @Size(max = MAX_RULES) List<@NotNull @Valid RuleJson> rules) {
    }

    record RulesAnswer(String personId, List<RuleJson> rules, boolean isDefault) {
    }

    @GetMapping
    RulesAnswer get(@PathVariable String personId) {
        List<ContactRule> stored = rules.of(personId);
        return answer(personId, stored);
    }

    @PutMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    RulesAnswer replace(@PathVariable String personId, @Valid @RequestBody RulesJson request) {
        List<ContactRule> domain = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < request.rules().size(); i++) {
            RuleJson rule = request.rules().get(i);
            if (rule.channel() == Channel.WEBHOOK) {
                throw new InvalidNotificationRule("rules[" + i + "].channel",
                        "must be EMAIL or SLACK: a person is paged by e-mail or their Slack webhook");
            }
            if (!seen.add(rule.channel() + "@" + rule.afterMinutes())) {
                throw new InvalidNotificationRule("rules[" + i + "]",
                        "repeats " + rule.channel() + " after " + rule.afterMinutes() + " minutes");
            }
            domain.add(new ContactRule(rule.channel(), rule.afterMinutes()));
        }
        rules.replace(personId, domain);
        return answer(personId, domain);
    }

    private static RulesAnswer answer(String personId, List<ContactRule> stored) {
        if (stored.isEmpty()) {
            // The default depends on the person's Slack webhook, which the registry holds: shown as EMAIL only here.
            return new RulesAnswer(personId, List.of(new RuleJson(Channel.EMAIL, 0)), true);
        }
        return new RulesAnswer(personId, stored.stream().map(r -> new RuleJson(r.channel(), r.afterMinutes())).toList(),
                false);
    }
}
