package io.ownwatch.timeline.incident;

import java.time.Duration;

/** Relative times as a postmortem reads them: {@code +00:01:30} after the first event, days spelled out when reached. */
public final class Offset {

    private Offset() {
    }

    /** {@code +HH:MM:SS}, or {@code +Nd HH:MM:SS} from a day on; {@code -} for a time before the reference. */
    public static String format(Duration duration) {
        String sign = duration.isNegative() ? "-" : "+";
        Duration abs = duration.abs();
        long days = abs.toDays();
        String clock = "%02d:%02d:%02d".formatted(abs.toHoursPart(), abs.toMinutesPart(), abs.toSecondsPart());
        return days > 0 ? sign + days + "d " + clock : sign + clock;
    }
}
