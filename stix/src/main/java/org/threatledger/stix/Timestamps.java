package org.threatledger.stix;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * STIX timestamps (STIX 2.1 §3.2): RFC 3339 in UTC, upper-case {@code T} and {@code Z}, optional
 * fractional seconds. Anything else, including offsets such as {@code +02:00}, is not a STIX timestamp.
 */
public final class Timestamps {

    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);

    private Timestamps() {}

    /** True when {@code text} is a well-formed STIX timestamp of a real instant. */
    public static boolean isValid(String text) {
        return tryParse(text).isPresent();
    }

    public static Optional<Instant> tryParse(String text) {
        long micros = parseMicros(text);
        if (micros == Long.MIN_VALUE) {
            return Optional.empty();
        }
        int nanos = fractionNanos(text);
        return Optional.of(Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), nanos));
    }

    /**
     * Parses {@code YYYY-MM-DDTHH:MM:SS[.fraction]Z} by hand (it runs for every timestamp of every
     * object imported): microseconds since the epoch, or {@link Long#MIN_VALUE} when the text is
     * not a STIX timestamp of a real instant (month 13, February 30, hour 24, leap second).
     */
    public static long parseMicros(String t) {
        if (t == null || t.length() < 20 || t.charAt(t.length() - 1) != 'Z' || t.charAt(4) != '-' || t.charAt(7) != '-'
                || t.charAt(10) != 'T' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return Long.MIN_VALUE;
        }
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
                || second < 0 || second > 59 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
            return Long.MIN_VALUE;
        }
        long fractionMicros = 0;
        int end = t.length() - 1;
        if (end > 19) {
            if (t.charAt(19) != '.' || end == 20) {
                return Long.MIN_VALUE;
            }
            for (int i = 20; i < end; i++) {
                char c = t.charAt(i);
                if (c < '0' || c > '9') {
                    return Long.MIN_VALUE;
                }
                if (i < 26) {
                    fractionMicros = fractionMicros * 10 + (c - '0');
                }
            }
            for (int i = Math.min(end, 26); i < 26; i++) {
                fractionMicros *= 10;
            }
        }
        long days = java.time.LocalDate.of(year, month, day).toEpochDay();
        return ((days * 24 + hour) * 60 + minute) * 60_000_000L + second * 1_000_000L + fractionMicros;
    }

    private static int fractionNanos(String t) {
        int nanos = 0;
        int end = t.length() - 1;
        for (int i = 20, k = 0; k < 9; i++, k++) {
            nanos = nanos * 10 + (i < end ? t.charAt(i) - '0' : 0);
        }
        return end > 19 ? nanos : 0;
    }

    private static int digits(String t, int from, int count) {
        int v = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    /** Parses or fails with a message naming the text. */
    public static Instant parse(String text) {
        return tryParse(text).orElseThrow(() -> new StixException("'" + text + "' is not a STIX timestamp"));
    }

    /** Millisecond precision, the form STIX producers use for {@code created}/{@code modified}. */
    public static String format(Instant instant) {
        return MILLIS.format(instant);
    }
}
