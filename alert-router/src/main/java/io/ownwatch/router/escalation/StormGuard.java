package io.ownwatch.router.escalation;

import java.time.Instant;
import java.util.List;

/**
 * The storm guard's arithmetic: at most {@code cap} personal pages per team and minute; the persons beyond the cap
 * are not paged but told, in one summary per person and minute, how many incidents were held back.
 */
public final class StormGuard {

    private StormGuard() {
    }

    /** Who is paged now and who is held back. */
    public record Split(List<String> paged, List<String> heldBack) {
    }

    /**
     * Splits the persons a step pages.
     *
     * @param alreadyPaged personal pages the team had in this minute before the step
     * @param cap          at most this many per team and minute
     */
    public static Split split(List<String> personIds, int alreadyPaged, int cap) {
        int room = Math.max(0, cap - alreadyPaged);
        int admitted = Math.min(room, personIds.size());
        return new Split(List.copyOf(personIds.subList(0, admitted)),
                List.copyOf(personIds.subList(admitted, personIds.size())));
    }

    /** The notification id of a person's summary for a minute (the minute's start, database time). */
    public static String summaryId(String teamId, String personId, Instant minute) {
        return "storm:" + teamId + ":" + personId + ":" + minute.getEpochSecond();
    }
}
