package io.ownwatch.timeline.incident;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Folds an incident's entries into its current state. Pure. The answer only depends on the set of entries, never
 * on the order they were delivered in, because entries can arrive out of order: the fold runs over the entries in
 * sequence order.
 *
 * <p>A fold can be carried on ({@link #advance}): its {@link Fold} keeps, besides the incident, the few running
 * values the incident alone does not tell (the earliest entry, the raw opening and first alert, the summaries), so
 * new entries that directly follow an incident without a gap continue it instead of refolding the whole timeline.
 * Anything else (a gap, entries out of order, a fold stored before these values were kept) is refolded in full.
 * Either way the result equals {@link #fold} over every entry.
 */
public final class IncidentProjection {

    private IncidentProjection() {
    }

    /**
     * A fold so far: the incident, and the running values that let further entries continue it.
     *
     * @param incident       the incident the entries fold into
     * @param earliestAt     the earliest {@code occurredAt} of any entry
     * @param openingAt      when the first {@code INCIDENT_OPENED} (by sequence) happened, or null if none yet
     * @param openingSummary the summary of that entry, or null
     * @param firstSummary   the first summary of any entry (by sequence), or null
     * @param firstAlertAt   the earliest {@code INCIDENT_OPENED} or {@code ALERT_RECEIVED}, or null if none yet
     */
    public record Fold(Incident incident, Instant earliestAt, Instant openingAt, String openingSummary,
            String firstSummary, Instant firstAlertAt) {

        /**
         * Whether these entries, in sequence order, carry the fold on directly: the fold has no gap and they are
         * the next sequence numbers with none missing.
         */
        public boolean continuesWith(List<TimelineEntry> ordered) {
            if (incident.hasGap()) {
                return false;
            }
            long expected = incident.lastSequence() + 1;
            for (TimelineEntry entry : ordered) {
                if (entry.sequence() != expected || !entry.incidentId().equals(incident.incidentId())) {
                    return false;
                }
                expected++;
            }
            return true;
        }
    }

    /**
     * @param entries at least one entry of the incident, in any order
     */
    public static Incident fold(List<TimelineEntry> entries) {
        return foldAll(entries).incident();
    }

    /**
     * The full fold, with its running values.
     *
     * @param entries at least one entry of the incident, in any order, each sequence once
     */
    public static Fold foldAll(List<TimelineEntry> entries) {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("an incident needs at least one entry");
        }
        Accumulator accumulator = new Accumulator(inSequence(entries).get(0).incidentId());
        inSequence(entries).forEach(accumulator::add);
        return accumulator.fold();
    }

    /**
     * Carries a fold on with entries that directly follow it ({@link Fold#continuesWith}).
     *
     * @throws IllegalArgumentException if they do not
     */
    public static Fold continueFold(Fold fold, List<TimelineEntry> entries) {
        List<TimelineEntry> ordered = inSequence(entries);
        if (!fold.continuesWith(ordered)) {
            throw new IllegalArgumentException("entries do not directly follow sequence "
                    + fold.incident().lastSequence() + " of incident " + fold.incident().incidentId());
        }
        Accumulator accumulator = new Accumulator(fold);
        ordered.forEach(accumulator::add);
        return accumulator.fold();
    }

    /**
     * Whether {@link #advance} needs the incident's whole timeline for these newly recorded entries.
     *
     * @param stored the incident's stored fold, or null if it has none (no incident yet, or stored before folds
     *               were kept)
     * @param added  the entries just recorded, at least one
     */
    public static boolean needsTimeline(Fold stored, List<TimelineEntry> added) {
        if (stored != null) {
            return !stored.continuesWith(inSequence(added));
        }
        // Without a stored fold, what is recorded already is a silence's record or nothing (an incident's entries
        // always leave a fold): more of a silence's record keeps it one, with no need to read it.
        return !isSilenceLog(added);
    }

    /**
     * The incident after newly recorded entries: the stored fold carried on when they directly follow it, else
     * the full fold of the timeline (which includes them). Empty while the timeline is a silence's record.
     *
     * @param stored   the incident's stored fold, or null
     * @param added    the entries just recorded (not redeliveries), at least one
     * @param timeline the incident's whole timeline after recording them; asked only if {@link #needsTimeline}
     */
    public static Optional<Fold> advance(Fold stored, List<TimelineEntry> added, Supplier<List<TimelineEntry>> timeline) {
        if (!needsTimeline(stored, added)) {
            return stored == null ? Optional.empty() : Optional.of(continueFold(stored, added));
        }
        List<TimelineEntry> entries = timeline.get();
        return isSilenceLog(entries) ? Optional.empty() : Optional.of(foldAll(entries));
    }

    /**
     * Whether these entries are a silence's record rather than an incident's: the router writes the
     * alerts a silence suppressed under the silence's id ({@code SUPPRESSED}, reason {@code silenced}),
     * since no incident exists for them. A real incident never carries such an entry.
     */
    public static boolean isSilenceLog(List<TimelineEntry> entries) {
        return !entries.isEmpty() && entries.stream().allMatch(entry -> entry.type() == EntryType.SUPPRESSED
                && "silenced".equals(entry.attributes().get("reason")));
    }

    private static List<TimelineEntry> inSequence(List<TimelineEntry> entries) {
        return entries.stream().sorted(Comparator.comparingLong(TimelineEntry::sequence)).toList();
    }

    private static Instant earlier(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    /** The running values of a fold, fed entries in sequence order. */
    private static final class Accumulator {

        private final String incidentId;
        private String serviceId;
        private String teamId;
        private Severity severity = Severity.UNKNOWN;
        private String openingSummary;
        private String firstSummary;
        private IncidentStatus status = IncidentStatus.OPEN;
        private Instant openedAt;
        private Instant earliest;
        private Instant acknowledgedAt;
        private Instant resolvedAt;
        private Instant firstAlertAt;
        private Instant firstPersonAckAt;
        private Instant firstAutomationAckAt;
        private Instant firstResolvedAt;
        private int escalations;
        private int notifications;
        private int remediationsRequested;
        private int remediationsSucceeded;
        private int remediationsFailed;
        private int reopened;
        private long lastSequence;
        private long count;

        Accumulator(String incidentId) {
            this.incidentId = incidentId;
        }

        Accumulator(Fold fold) {
            Incident incident = fold.incident();
            this.incidentId = incident.incidentId();
            this.serviceId = incident.serviceId();
            this.teamId = incident.teamId();
            this.severity = incident.severity();
            this.openingSummary = fold.openingSummary();
            this.firstSummary = fold.firstSummary();
            this.status = incident.status();
            this.openedAt = fold.openingAt();
            this.earliest = fold.earliestAt();
            this.acknowledgedAt = incident.acknowledgedAt();
            this.resolvedAt = incident.resolvedAt();
            this.firstAlertAt = fold.firstAlertAt();
            this.firstPersonAckAt = incident.response().firstPersonAckAt();
            this.firstAutomationAckAt = incident.response().firstAutomationAckAt();
            this.firstResolvedAt = incident.response().firstResolvedAt();
            Incident.Counts counts = incident.counts();
            this.escalations = counts.escalations();
            this.notifications = counts.notifications();
            this.remediationsRequested = counts.remediationsRequested();
            this.remediationsSucceeded = counts.remediationsSucceeded();
            this.remediationsFailed = counts.remediationsFailed();
            this.reopened = counts.reopened();
            this.lastSequence = incident.lastSequence();
            this.count = incident.eventCount();
        }

        void add(TimelineEntry entry) {
            if (entry.serviceId() != null) {
                serviceId = entry.serviceId();
            }
            if (entry.teamId() != null) {
                teamId = entry.teamId();
            }
            if (entry.severity() != Severity.UNKNOWN) {
                severity = entry.severity();
            }
            if (firstSummary == null && entry.summary() != null) {
                firstSummary = entry.summary();
            }
            earliest = earlier(earliest, entry.occurredAt());
            switch (entry.type()) {
                case INCIDENT_OPENED -> {
                    if (openedAt == null) {
                        openedAt = entry.occurredAt();
                        openingSummary = entry.summary();
                    }
                    firstAlertAt = earlier(firstAlertAt, entry.occurredAt());
                }
                case ALERT_RECEIVED -> firstAlertAt = earlier(firstAlertAt, entry.occurredAt());
                case ACKNOWLEDGED -> {
                    if (status == IncidentStatus.OPEN) {
                        status = IncidentStatus.ACKNOWLEDGED;
                        acknowledgedAt = entry.occurredAt();
                    }
                    if (Actor.PERSON.equals(entry.actor().kind())) {
                        firstPersonAckAt = earlier(firstPersonAckAt, entry.occurredAt());
                    }
                    else {
                        firstAutomationAckAt = earlier(firstAutomationAckAt, entry.occurredAt());
                    }
                }
                case RESOLVED -> {
                    if (status != IncidentStatus.RESOLVED) {
                        status = IncidentStatus.RESOLVED;
                        resolvedAt = entry.occurredAt();
                    }
                    firstResolvedAt = earlier(firstResolvedAt, entry.occurredAt());
                }
                case REOPENED -> {
                    status = IncidentStatus.OPEN;
                    acknowledgedAt = null;
                    resolvedAt = null;
                    reopened++;
                }
                case ESCALATED -> escalations++;
                case NOTIFIED -> notifications++;
                case REMEDIATION_REQUESTED -> remediationsRequested++;
                case REMEDIATION_SUCCEEDED -> remediationsSucceeded++;
                case REMEDIATION_FAILED, REMEDIATION_INEFFECTIVE, REMEDIATION_REJECTED -> remediationsFailed++;
                default -> {
                    // Other entries add history but do not move the incident's status.
                }
            }
            lastSequence = entry.sequence();
            count++;
        }

        Fold fold() {
            Incident incident = new Incident(incidentId, serviceId, teamId, severity,
                    openingSummary != null ? openingSummary : firstSummary, status,
                    openedAt != null ? openedAt : earliest, acknowledgedAt, resolvedAt, lastSequence, count,
                    new Incident.Response(firstAlertAt != null ? firstAlertAt : earliest, firstPersonAckAt,
                            firstAutomationAckAt, firstResolvedAt),
                    new Incident.Counts(escalations, notifications, remediationsRequested, remediationsSucceeded,
                            remediationsFailed, reopened));
            return new Fold(incident, earliest, openedAt, openingSummary, firstSummary, firstAlertAt);
        }
    }
}
