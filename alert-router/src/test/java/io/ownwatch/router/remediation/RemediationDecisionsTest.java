package io.ownwatch.router.remediation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ownwatch.router.alert.Severity;
import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentStatus;
import io.ownwatch.router.timeline.TimelineEntry;
import io.ownwatch.router.timeline.TimelineEntryType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Which runbooks an incident gets, how their parameters bind, and what each result writes on the timeline. */
class RemediationDecisionsTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");
    private static final Map<String, String> LABELS = Map.of("service", "checkout", "alertname", "QueueBacklog",
            "queue", "payments", "cluster", "prod-eu", "namespace", "shop", "pod", "checkout-7f9");

    // --- matching ------------------------------------------------------------------------------

    @Test
    void appliesWhenTheServiceIsListedAndEveryMatcherMatches() {
        Runbook drain = runbook("drain", RunbookMode.AUTOMATIC, List.of("checkout", "cart"),
                List.of(matcher("alertname", AlertMatcher.Op.EQUALS, "QueueBacklog"),
                        matcher("cluster", AlertMatcher.Op.REGEX, "prod-.*")));

        assertThat(drain.appliesTo("checkout", LABELS)).isTrue();
        assertThat(drain.appliesTo("cart", LABELS)).isTrue();
        assertThat(drain.appliesTo("search", LABELS)).as("service not listed").isFalse();
        assertThat(drain.appliesTo(null, LABELS)).as("owner unknown").isFalse();
        assertThat(drain.appliesTo("checkout", with(LABELS, "cluster", "staging-eu"))).as("one matcher fails").isFalse();
    }

    @Test
    void matchesLikeTheContractAnchoredRegexesAndMissingLabelsReadAsEmpty() {
        Map<String, String> labels = Map.of("alertname", "QueueBacklogHigh");
        assertThat(matcher("alertname", AlertMatcher.Op.REGEX, "QueueBacklog").matches(labels)).as("anchored").isFalse();
        assertThat(matcher("alertname", AlertMatcher.Op.REGEX, "QueueBacklog.*").matches(labels)).isTrue();
        assertThat(matcher("alertname", AlertMatcher.Op.NOT_REGEX, "Disk.*").matches(labels)).isTrue();
        assertThat(matcher("env", AlertMatcher.Op.EQUALS, "").matches(labels)).as("missing = empty").isTrue();
        assertThat(matcher("env", AlertMatcher.Op.NOT_EQUALS, "prod").matches(labels)).isTrue();
    }

    @Test
    void aRunbookForNoServiceAppliesToNothingAndOneWithoutMatchersToEveryAlertOfItsServices() {
        assertThat(runbook("none", RunbookMode.AUTOMATIC, List.of(), List.of()).appliesTo("checkout", LABELS)).isFalse();
        assertThat(runbook("all", RunbookMode.AUTOMATIC, List.of("checkout"), List.of()).appliesTo("checkout", Map.of()))
                .isTrue();
    }

    @Test
    void onOpenedRequestsOnlyTheApplicableAutomaticRunbooksInIdOrder() {
        Runbook b = runbook("b-restart", RunbookMode.AUTOMATIC, List.of("checkout"), List.of());
        Runbook a = runbook("a-drain", RunbookMode.AUTOMATIC, List.of("checkout"), List.of());
        Runbook manual = runbook("c-failover", RunbookMode.NEEDS_APPROVAL, List.of("checkout"), List.of());
        Runbook other = runbook("d-other", RunbookMode.AUTOMATIC, List.of("checkout"),
                List.of(matcher("alertname", AlertMatcher.Op.EQUALS, "DiskFull")));

        List<RemediationDecisions.Trigger> triggers = RemediationDecisions.onOpened(incident(), LABELS,
                List.of(b, manual, other, a), NOW);

        assertThat(triggers).extracting(t -> t.runbook().runbookId()).containsExactly("a-drain", "b-restart");
        assertThat(RemediationDecisions.applicable(List.of(b, manual, other, a), "checkout", LABELS))
                .extracting(Runbook::runbookId).containsExactly("a-drain", "b-restart", "c-failover");
    }

    @Test
    void anAutomaticRequestCarriesTheIncidentTheRunbookVersionAndTheAlertsCoordinates() {
        Runbook drain = runbook("drain", RunbookMode.AUTOMATIC, List.of("checkout"), List.of(),
                List.of(new Parameter("queue", true), new Parameter("pod", false)));
        Incident incident = incident();

        RemediationDecisions.Requested requested = (RemediationDecisions.Requested) RemediationDecisions
                .onOpened(incident, LABELS, List.of(drain), NOW).get(0);
        RemediationRequest request = requested.request();

        assertThat(request.requestId()).isEqualTo(RemediationDecisions.automaticRequestId(incident.id(), drain));
        assertThat(request.incidentId()).isEqualTo(incident.id());
        assertThat(request.runbookId()).isEqualTo("drain");
        assertThat(request.runbookVersion()).isEqualTo(3);
        assertThat(request.contentHash()).isEqualTo("hash-drain");
        assertThat(request.serviceId()).isEqualTo("checkout");
        assertThat(request.teamId()).isEqualTo("payments");
        assertThat(request.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(request.cluster()).isEqualTo("prod-eu");
        assertThat(request.namespace()).isEqualTo("shop");
        assertThat(request.parameters()).containsExactlyInAnyOrderEntriesOf(Map.of("queue", "payments", "pod", "checkout-7f9"));
        assertThat(request.requestedBy()).isEqualTo(new TimelineEntry.Actor(TimelineEntry.Actor.Kind.AUTOMATION, "alert-router"));
        assertThat(request.requestedAt()).isEqualTo(NOW);
        assertThat(request.verificationSeconds()).isEqualTo(120);
    }

    @Test
    void theAutomaticRequestIdIsTheSameForTheSameIncidentAndVersionAndDiffersOtherwise() {
        Runbook v3 = runbook("drain", RunbookMode.AUTOMATIC, List.of("checkout"), List.of());
        Runbook v4 = new Runbook("drain", 4, "hash-4", "", "payments", RunbookMode.AUTOMATIC, List.of("checkout"),
                List.of(), List.of(), 0, 120, 1);
        UUID incident = UUID.randomUUID();

        assertThat(RemediationDecisions.automaticRequestId(incident, v3))
                .isEqualTo(RemediationDecisions.automaticRequestId(incident, v3))
                .isNotEqualTo(RemediationDecisions.automaticRequestId(incident, v4))
                .isNotEqualTo(RemediationDecisions.automaticRequestId(UUID.randomUUID(), v3));
    }

    // --- trigger levels ------------------------------------------------------------------------

    @Test
    void onOpenedLeavesRunbooksOfLaterLevelsForTheirLevel() {
        Runbook restart = runbook("a-restart", RunbookMode.AUTOMATIC, List.of("checkout"), List.of());
        Runbook failover = atLevel(runbook("b-failover", RunbookMode.AUTOMATIC, List.of("checkout"), List.of()), 2);

        assertThat(RemediationDecisions.onOpened(incident(), LABELS, List.of(restart, failover), NOW))
                .extracting(t -> t.runbook().runbookId()).containsExactly("a-restart");
    }

    @Test
    void aPagedLevelRequestsTheApplicableAutomaticRunbooksOfThatLevelOnly() {
        Runbook opening = runbook("a-restart", RunbookMode.AUTOMATIC, List.of("checkout"), List.of());
        Runbook levelTwo = atLevel(runbook("c-failover", RunbookMode.AUTOMATIC, List.of("checkout"), List.of()), 2);
        Runbook levelTwoToo = atLevel(runbook("b-drain", RunbookMode.AUTOMATIC, List.of("checkout"), List.of()), 2);
        Runbook levelThree = atLevel(runbook("d-rebuild", RunbookMode.AUTOMATIC, List.of("checkout"), List.of()), 3);
        Runbook manual = atLevel(runbook("e-manual", RunbookMode.NEEDS_APPROVAL, List.of("checkout"), List.of()), 2);
        Runbook otherAlert = atLevel(runbook("f-disk", RunbookMode.AUTOMATIC, List.of("checkout"),
                List.of(matcher("alertname", AlertMatcher.Op.EQUALS, "DiskFull"))), 2);
        Runbook otherService = atLevel(runbook("g-cart", RunbookMode.AUTOMATIC, List.of("cart"), List.of()), 2);
        List<Runbook> approved = List.of(opening, levelTwo, levelTwoToo, levelThree, manual, otherAlert, otherService);

        assertThat(RemediationDecisions.onLevelPaged(incident(), 2, List.of(LABELS), approved, NOW))
                .extracting(t -> t.runbook().runbookId()).containsExactly("b-drain", "c-failover");
        assertThat(RemediationDecisions.onLevelPaged(incident(), 3, List.of(LABELS), approved, NOW))
                .extracting(t -> t.runbook().runbookId()).containsExactly("d-rebuild");
        assertThat(RemediationDecisions.onLevelPaged(incident(), 4, List.of(LABELS), approved, NOW)).isEmpty();
        assertThat(RemediationDecisions.onLevelPaged(incident(), 1, List.of(LABELS), approved, NOW))
                .as("level 1's runbooks were requested when the incident opened").isEmpty();
        assertThat(RemediationDecisions.onLevelPaged(incident(), 2, List.of(), approved, NOW))
                .as("no alert to match").isEmpty();
    }

    @Test
    void aPagedLevelBindsParametersFromTheFirstOfTheIncidentsAlertsThatMatches() {
        Runbook disk = atLevel(runbook("disk", RunbookMode.AUTOMATIC, List.of("checkout"),
                List.of(matcher("alertname", AlertMatcher.Op.EQUALS, "DiskFull")),
                List.of(new Parameter("volume", true))), 2);
        Map<String, String> backlog = LABELS;
        Map<String, String> firstDisk = Map.of("service", "checkout", "alertname", "DiskFull", "volume", "data-1",
                "cluster", "prod-us");
        Map<String, String> secondDisk = Map.of("service", "checkout", "alertname", "DiskFull", "volume", "data-2");

        RemediationDecisions.Requested requested = (RemediationDecisions.Requested) RemediationDecisions
                .onLevelPaged(incident(), 2, List.of(backlog, firstDisk, secondDisk), List.of(disk), NOW).get(0);

        RemediationRequest request = requested.request();
        assertThat(request.parameters()).containsExactlyEntriesOf(Map.of("volume", "data-1"));
        assertThat(request.cluster()).isEqualTo("prod-us");
        assertThat(request.requestedBy()).isEqualTo(RemediationDecisions.TRIGGER);
        assertThat(request.reason()).isEqualTo("automatic runbook: escalation level 2 paged");
        assertThat(request.requestId()).as("the same id however often the level is paged")
                .isEqualTo(RemediationDecisions.automaticRequestId(incident().id(), disk));
        assertThat(RemediationDecisions.requestedAttributes(request, 2)).containsEntry("triggerLevel", "2")
                .containsEntry("mode", "automatic").containsEntry("parameter.volume", "data-1")
                .containsEntry("reason", "automatic runbook: escalation level 2 paged");
    }

    @Test
    void aPagedLevelWhoseRunbookLacksALabelGetsTheNoteOfTheOpeningSayingTheLevel() {
        Runbook drain = atLevel(runbook("drain", RunbookMode.AUTOMATIC, List.of("checkout"), List.of(),
                List.of(new Parameter("region", true))), 2);

        RemediationDecisions.Trigger trigger = RemediationDecisions.onLevelPaged(incident(), 2, List.of(LABELS),
                List.of(drain), NOW).get(0);

        assertThat(trigger).isInstanceOf(RemediationDecisions.ParametersMissing.class);
        Map<String, String> note = RemediationDecisions.missingParametersNote(
                (RemediationDecisions.ParametersMissing) trigger, 2);
        assertThat(note).containsEntry("runbookId", "drain").containsEntry("missingParameters", "region")
                .containsEntry("triggerLevel", "2")
                .containsEntry("text", "Automatic runbook drain was not requested when level 2 was paged: the alert "
                        + "has no label for its required parameter region");
    }

    @Test
    void anIncidentWithoutServiceGetsNoRunbookAtAnyLevel() {
        Runbook failover = atLevel(runbook("failover", RunbookMode.AUTOMATIC, List.of("checkout"), List.of()), 2);
        Incident ownerless = new Incident(UUID.randomUUID(), "key-2", IncidentStatus.OPEN, null, "catch-all",
                Severity.CRITICAL, "?", NOW, NOW, null, 1, 1, null, false, null, null, null);

        assertThat(RemediationDecisions.onLevelPaged(ownerless, 2, List.of(LABELS), List.of(failover), NOW)).isEmpty();
    }

    @Test
    void aTriggerLevelBelowOneIsNoRunbook() {
        assertThatThrownBy(() -> atLevel(runbook("drain", RunbookMode.AUTOMATIC, List.of("checkout"), List.of()), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("triggerAtLevel 0");
    }

    // --- parameter binding ---------------------------------------------------------------------

    @Test
    void bindsDeclaredParametersOnlyAndLeavesOutOptionalOnesWithoutLabel() {
        Runbook drain = runbook("drain", RunbookMode.AUTOMATIC, List.of("checkout"), List.of(),
                List.of(new Parameter("queue", true), new Parameter("limit", false)));

        ParameterBinding binding = ParameterBinding.bind(drain, LABELS);

        assertThat(binding).isEqualTo(new ParameterBinding.Bound(Map.of("queue", "payments")));
    }

    @Test
    void aRequiredParameterWithoutLabelOrWithAnEmptyOneIsMissing() {
        Runbook scale = runbook("scale", RunbookMode.AUTOMATIC, List.of("checkout"), List.of(),
                List.of(new Parameter("deployment", true), new Parameter("queue", true), new Parameter("replicas", true)));

        assertThat(ParameterBinding.bind(scale, with(LABELS, "queue", "")))
                .isEqualTo(new ParameterBinding.Missing(List.of("deployment", "queue", "replicas")));
    }

    @Test
    void anIncidentWhoseAlertLacksARequiredLabelGetsANoteInsteadOfARequest() {
        Runbook scale = runbook("scale", RunbookMode.AUTOMATIC, List.of("checkout"), List.of(),
                List.of(new Parameter("deployment", true)));

        RemediationDecisions.Trigger trigger = RemediationDecisions.onOpened(incident(), LABELS, List.of(scale), NOW).get(0);

        assertThat(trigger).isEqualTo(new RemediationDecisions.ParametersMissing(scale, List.of("deployment")));
        Map<String, String> note = RemediationDecisions.missingParametersNote((RemediationDecisions.ParametersMissing) trigger);
        assertThat(note).containsEntry("runbookId", "scale").containsEntry("missingParameters", "deployment");
        assertThat(note.get("text")).contains("scale").contains("deployment");
    }

    @Test
    void readsParametersFromTheRegistrysJsonSchema() {
        String schema = """
                {"$schema": "https://json-schema.org/draft/2020-12/schema", "type": "object",
                 "properties": {"queue": {"type": "string", "pattern": "^(?:[a-z]+)$"}, "limit": {"type": "integer"}},
                 "required": ["queue"], "additionalProperties": false}""";

        assertThat(Parameter.fromSchema("drain", schema))
                .containsExactly(new Parameter("queue", true), new Parameter("limit", false));
        assertThat(Parameter.fromSchema("drain", null)).isEmpty();
        assertThat(Parameter.fromSchema("drain", "{\"type\": \"object\"}")).isEmpty();
        assertThatThrownBy(() -> Parameter.fromSchema("drain", "{not json")).isInstanceOf(RunbookUnreadable.class)
                .hasMessageContaining("drain");
        assertThatThrownBy(() -> Parameter.fromSchema("drain", "{\"properties\": []}"))
                .isInstanceOf(RunbookUnreadable.class);
    }

    // --- results -------------------------------------------------------------------------------

    @Test
    void mapsEachOutcomeToItsTimelineEntryAndSaysWhenToEscalateOrVerify() {
        record Expected(RemediationResult.Outcome outcome, TimelineEntryType type, boolean escalate, boolean verify) {
        }
        List<Expected> table = List.of(
                new Expected(RemediationResult.Outcome.AWAITING_APPROVAL, TimelineEntryType.NOTE_ADDED, false, false),
                new Expected(RemediationResult.Outcome.APPROVED, TimelineEntryType.REMEDIATION_APPROVED, false, false),
                new Expected(RemediationResult.Outcome.REJECTED, TimelineEntryType.REMEDIATION_REJECTED, true, false),
                new Expected(RemediationResult.Outcome.STARTED, TimelineEntryType.REMEDIATION_STARTED, false, false),
                new Expected(RemediationResult.Outcome.SUCCEEDED, TimelineEntryType.REMEDIATION_SUCCEEDED, false, true),
                new Expected(RemediationResult.Outcome.FAILED, TimelineEntryType.REMEDIATION_FAILED, true, false),
                new Expected(RemediationResult.Outcome.TIMED_OUT, TimelineEntryType.REMEDIATION_FAILED, true, false),
                new Expected(RemediationResult.Outcome.UNKNOWN, TimelineEntryType.REMEDIATION_FAILED, true, false),
                new Expected(RemediationResult.Outcome.INEFFECTIVE, TimelineEntryType.REMEDIATION_INEFFECTIVE, true, false));
        assertThat(table).extracting(Expected::outcome).containsExactlyInAnyOrder(RemediationResult.Outcome.values());
        for (Expected expected : table) {
            RemediationDecisions.ResultEntry entry = RemediationDecisions.entryFor(result(expected.outcome(), null, List.of()));
            assertThat(entry.type()).as(expected.outcome().name()).isEqualTo(expected.type());
            assertThat(entry.escalate()).as(expected.outcome() + " escalates").isEqualTo(expected.escalate());
            assertThat(entry.verify()).as(expected.outcome() + " verifies").isEqualTo(expected.verify());
        }
    }

    @Test
    void aResultsEntryNamesTheRunbookVersionThatRanWhenTheRouterMadeTheRequest() {
        RemediationResult succeeded = result(RemediationResult.Outcome.SUCCEEDED, null, List.of());

        assertThat(RemediationDecisions.entryFor(succeeded, java.util.OptionalInt.of(3)).attributes())
                .containsEntry("runbookVersion", "3").containsEntry("contentHash", "hash-drain");
        assertThat(RemediationDecisions.entryFor(succeeded, java.util.OptionalInt.empty()).attributes())
                .doesNotContainKey("runbookVersion");
    }

    @Test
    void aResultsEntryNamesTheRequestTheRunbookTheReasonAndEachStep() {
        RemediationResult failed = result(RemediationResult.Outcome.FAILED, null, List.of(
                new RemediationResult.Step("drain queue", true, "HTTP 200"),
                new RemediationResult.Step("verify depth", false, "still 12000 messages"),
                new RemediationResult.Step("notify", false, null)));

        RemediationDecisions.ResultEntry entry = RemediationDecisions.entryFor(failed);

        assertThat(entry.actor()).isEqualTo(RemediationDecisions.EXECUTOR);
        assertThat(entry.attributes())
                .containsEntry("requestId", "req-1")
                .containsEntry("runbookId", "drain")
                .containsEntry("contentHash", "hash-drain")
                .containsEntry("reason", "boom")
                .containsEntry("outcome", "FAILED")
                .containsEntry("step.1", "drain queue: succeeded - HTTP 200")
                .containsEntry("step.2", "verify depth: failed - still 12000 messages")
                .containsEntry("step.3", "notify: failed");
    }

    @Test
    void approvalsAndRejectionsByAPersonAreInThatPersonsNameEverythingElseInTheExecutors() {
        assertThat(RemediationDecisions.entryFor(result(RemediationResult.Outcome.APPROVED, "alice", List.of())).actor())
                .isEqualTo(new TimelineEntry.Actor(TimelineEntry.Actor.Kind.PERSON, "alice"));
        assertThat(RemediationDecisions.entryFor(result(RemediationResult.Outcome.REJECTED, "alice", List.of())).actor())
                .isEqualTo(new TimelineEntry.Actor(TimelineEntry.Actor.Kind.PERSON, "alice"));
        assertThat(RemediationDecisions.entryFor(result(RemediationResult.Outcome.REJECTED, null, List.of())).actor())
                .as("a policy refusal").isEqualTo(RemediationDecisions.EXECUTOR);
        assertThat(RemediationDecisions.entryFor(result(RemediationResult.Outcome.STARTED, "alice", List.of())).actor())
                .as("the executor runs it, whoever approved").isEqualTo(RemediationDecisions.EXECUTOR);
    }

    @Test
    void awaitingApprovalIsANoteMarkedAsSuch() {
        RemediationDecisions.ResultEntry entry = RemediationDecisions.entryFor(
                result(RemediationResult.Outcome.AWAITING_APPROVAL, null, List.of()));

        assertThat(entry.attributes()).containsEntry("remediation", "AWAITING_APPROVAL").containsKey("text");
    }

    // --- verification --------------------------------------------------------------------------

    @Test
    void aWindowEndsIneffectiveWhileTheIncidentIsOpenAndQuietlyWhenItResolvedInTime() {
        Instant due = NOW.plusSeconds(300);

        assertThat(RemediationDecisions.verdict(incident(), due)).isEqualTo(RemediationDecisions.Verdict.INEFFECTIVE);
        assertThat(RemediationDecisions.verdict(incident().resolve(due.minusSeconds(1)), due))
                .isEqualTo(RemediationDecisions.Verdict.EFFECTIVE);
        assertThat(RemediationDecisions.verdict(incident().resolve(due), due))
                .isEqualTo(RemediationDecisions.Verdict.EFFECTIVE);
        assertThat(RemediationDecisions.verdict(incident().resolve(due.plusSeconds(5)), due))
                .as("resolved only after the window: say so, page nobody")
                .isEqualTo(RemediationDecisions.Verdict.INEFFECTIVE_RESOLVED_LATER);
    }

    // --- helpers -------------------------------------------------------------------------------

    private static Incident incident() {
        return new Incident(UUID.fromString("4b0e3a34-7c55-4d46-9a3c-0d5b3f8e9a11"), "key-1", IncidentStatus.OPEN,
                "checkout", "payments", Severity.CRITICAL, "Queue backlog", NOW.minusSeconds(5), NOW.minusSeconds(5),
                null, 1, 3, null, false, null, null, null);
    }

    private static RemediationResult result(RemediationResult.Outcome outcome, String person,
            List<RemediationResult.Step> steps) {
        return new RemediationResult("event-1", "req-1", UUID.randomUUID(), "drain", "hash-drain", outcome, "boom",
                steps, person, NOW);
    }

    private static Runbook runbook(String id, RunbookMode mode, List<String> services, List<AlertMatcher> matchers) {
        return runbook(id, mode, services, matchers, List.of());
    }

    private static Runbook runbook(String id, RunbookMode mode, List<String> services, List<AlertMatcher> matchers,
            List<Parameter> parameters) {
        return new Runbook(id, 3, "hash-" + id, "Runbook " + id, "payments", mode, services, matchers, parameters, 0, 120, 1);
    }

    private static Runbook atLevel(Runbook runbook, int level) {
        return new Runbook(runbook.runbookId(), runbook.version(), runbook.contentHash(), runbook.title(),
                runbook.ownerTeamId(), runbook.mode(), runbook.serviceIds(), runbook.alertMatchers(),
                runbook.parameters(), runbook.gracePeriodSeconds(), runbook.verificationSeconds(), level);
    }

    private static AlertMatcher matcher(String label, AlertMatcher.Op op, String value) {
        return new AlertMatcher(label, op, value);
    }

    private static Map<String, String> with(Map<String, String> labels, String key, String value) {
        Map<String, String> copy = new java.util.HashMap<>(labels);
        copy.put(key, value);
        return copy;
    }
}
