package org.threatledger.telemetry;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Event times to microseconds since the epoch, exactly (no floating point on the way). */
final class Times {
    /** Returned for a time that cannot be read. */
    static final long BAD = Long.MIN_VALUE;

    private Times() {}

    /** Decimal epoch seconds ({@code 1521911720.865716}) as bytes; digits after the 6th decimal are dropped. */
    static long epochSeconds(byte[] b, int from, int to) {
        long secs = 0;
        int i = from;
        if (i >= to) {
            return BAD;
        }
        for (; i < to && b[i] != '.'; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9 || i - from > 12) {
                return BAD;
            }
            secs = secs * 10 + d;
        }
        long micros = 0;
        int scale = 0;
        if (i < to) {
            for (i++; i < to; i++) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) {
                    return BAD;
                }
                if (scale < 6) {
                    micros = micros * 10 + d;
                    scale++;
                }
            }
        }
        for (; scale < 6; scale++) {
            micros *= 10;
        }
        return secs * 1_000_000L + micros;
    }

    /** Decimal epoch seconds, or an ISO-8601 instant ({@code 2018-03-24T17:15:20.865716Z}). */
    static long parse(String s) {
        if (s == null || s.isEmpty()) {
            return BAD;
        }
        if (s.indexOf('T') > 0 || s.indexOf('-') > 0) {
            return iso(s);
        }
        int e = s.indexOf('E') >= 0 ? s.indexOf('E') : s.indexOf('e');
        if (e >= 0) {
            try {
                return new java.math.BigDecimal(s).movePointRight(6).longValue();
            } catch (NumberFormatException x) {
                return BAD;
            }
        }
        byte[] ascii = s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        return epochSeconds(ascii, 0, ascii.length);
    }

    /** An ISO-8601 instant. */
    static long iso(String s) {
        try {
            Instant t = Instant.parse(s);
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (DateTimeParseException | ArithmeticException e) {
            return BAD;
        }
    }

    /** Epoch milliseconds as text. */
    static long epochMillis(String s) {
        try {
            return Math.multiplyExact(Long.parseLong(s.strip()), 1000L);
        } catch (NumberFormatException | ArithmeticException e) {
            return BAD;
        }
    }

    /** Epoch microseconds as text. */
    static long epochMicros(String s) {
        try {
            return Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            return BAD;
        }
    }
}
