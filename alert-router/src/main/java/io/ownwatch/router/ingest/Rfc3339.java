package io.ownwatch.router.ingest;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Reads the one timestamp shape every sender actually sends ({@code 2026-11-22T05:00:00Z}, {@code
 * 2026-11-22T05:00:00.123456789+01:00}, {@code +0100}) straight from the characters. A webhook post carries two or
 * more of them, and {@code OffsetDateTime.parse} with a formatter was a tenth of the ingest's own CPU in the profile.
 * Anything else - a missing second, an out-of-range field, another shape - is not decided here: {@link #read}
 * answers {@code null} and the caller parses with the formatter, so that the accepted forms, their resolution and
 * the error messages stay exactly the formatter's.
 */
final class Rfc3339 {

    private Rfc3339() {
    }

    /** The instant, or {@code null} when the text is not in the common shape with in-range fields. */
    static Instant read(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int start = ++at;
            while (at < length && at - start < 9 && isDigit(text.charAt(at))) {
                nanos = nanos * 10 + (text.charAt(at++) - '0');
            }
            int count = at - start;
            if (count == 0 || (at < length && isDigit(text.charAt(at)))) {
                return null;
            }
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
        }
        int offsetSeconds = offset(text, at);
        if (offsetSeconds == Integer.MIN_VALUE) {
            return null;
        }
        long epochDay;
        try {
            epochDay = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            // 2026-02-30: the formatter's own resolution decides what that means.
            return null;
        }
        return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second - offsetSeconds, nanos);
    }

    /** {@code Z}, {@code +HH:MM} or {@code +HHMM} ending the text, in seconds; {@code MIN_VALUE} for anything else. */
    private static int offset(String text, int at) {
        int rest = text.length() - at;
        if (rest == 1 && text.charAt(at) == 'Z') {
            return 0;
        }
        char sign = rest > 0 ? text.charAt(at) : ' ';
        if ((sign != '+' && sign != '-') || (rest != 6 && rest != 5) || (rest == 6 && text.charAt(at + 3) != ':')) {
            return Integer.MIN_VALUE;
        }
        int hours = digits(text, at + 1, 2);
        int minutes = digits(text, at + (rest == 6 ? 4 : 3), 2);
        if (hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
            return Integer.MIN_VALUE;
        }
        int seconds = hours * 3_600 + minutes * 60;
        return sign == '-' ? -seconds : seconds;
    }

    /** The decimal number of {@code count} digits at {@code from}, or -1 when one is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
