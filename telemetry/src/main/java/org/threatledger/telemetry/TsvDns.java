package org.threatledger.telemetry;

import static org.threatledger.telemetry.ZeekField.ANSWERS;
import static org.threatledger.telemetry.ZeekField.QUERY;

import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;

/**
 * What a Zeek TSV dns record yields, read from the line's bytes: the query and each answer are
 * checked and put in normal form in one pass over their bytes, and handed on as those bytes
 * ({@link RecordSink#observeAscii}: a hunt makes a String only for a hit, other consumers get the
 * text). The results are those of {@link ZeekLogs} on the decoded text (the same
 * observations, the same skip reasons); a value with an escape or a non-ASCII byte, and an IPv6
 * answer with an embedded IPv4 part, take that path. The hunt's busiest log is dns; without a
 * decoded copy of every value and a second pass of checks over it, the parse-only rate rose from
 * 0.69-0.70M to 0.72-0.93M lines per CPU-second ({@code DnsParseSpeed}, docs/benchmarks.md).
 */
final class TsvDns {
    private static final int MAX_HOST = 253;
    private static final int MAX_LABEL = 63;

    private TsvDns() {}

    /** Observes the query and the answers of {@code r}, a dns record. */
    static void observe(TsvRecord r, RecordSink sink) {
        int q = r.column(QUERY);
        if (hasValue(r, q)) {
            query(r, r.bounds[2 * q], r.bounds[2 * q + 1], sink);
        }
        int a = r.column(ANSWERS);
        if (hasValue(r, a)) {
            int from = r.bounds[2 * a];
            int to = r.bounds[2 * a + 1];
            byte set = r.header().setSeparator;
            int start = from;
            for (int i = from; i <= to; i++) {
                if (i == to || r.buf[i] == set) {
                    answer(r, start, i, sink);
                    start = i + 1;
                }
            }
        }
    }

    /** Whether column {@code c} exists and is neither unset nor empty. */
    private static boolean hasValue(TsvRecord r, int c) {
        if (c < 0) {
            return false;
        }
        int from = r.bounds[2 * c];
        int to = r.bounds[2 * c + 1];
        return !r.header().isUnset(r.buf, from, to) && !r.header().isEmpty(r.buf, from, to);
    }

    private static void query(TsvRecord r, int from, int to, RecordSink sink) {
        if (!plainAscii(r.buf, from, to)) {
            ZeekLogs.dnsQuery(r.lowerText(QUERY), sink);
            return;
        }
        name(r, from, to, Where.DNS_QUERY, ZeekLogs.BAD_QUERY, sink);
    }

    /** {@link ZeekLogs#dnsName} of {@link #hostName}, handed on as bytes from the scratch buffer. */
    private static void name(TsvRecord r, int from, int to, Where where, String badReason, RecordSink sink) {
        int n = hostName(r, from, to);
        if (n < 0) {
            sink.skip(badReason);
        } else {
            sink.observeAscii(ObservationType.DOMAIN, r.scratch(n), 0, n, where);
        }
    }

    private static void answer(TsvRecord r, int from, int to, RecordSink sink) {
        byte[] b = r.buf;
        if (!plainAscii(b, from, to)) {
            ZeekLogs.dnsAnswer(r.decodeText(from, to), sink);
            return;
        }
        if (Values.indexOf(b, from, to, (byte) ':') >= 0) {
            String ip = Values.ipv6OrSame(b, from, to);
            if (ip == Values.SAME) {
                sink.observeAscii(ObservationType.IPV6, b, from, to, Where.DNS_ANSWER);
            } else if (ip != null) {
                sink.observe(ObservationType.IPV6, ip, -1, Where.DNS_ANSWER);
            } else {
                ZeekLogs.dnsAnswer(r.decodeText(from, to), sink); // an embedded IPv4 part, or no address
            }
            return;
        }
        if (isIpv4(b, from, to)) {
            sink.observeAscii(ObservationType.IPV4, b, from, to, Where.DNS_ANSWER);
            return;
        }
        name(r, from, to, Where.DNS_ANSWER, ZeekLogs.BAD_ANSWER, sink);
    }

    /** True when every byte is ASCII and none is the escape character. */
    private static boolean plainAscii(byte[] b, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] < 0 || b[i] == '\\') {
                return false;
            }
        }
        return true;
    }

    /** {@link Values#isIpv4} on ASCII bytes. */
    static boolean isIpv4(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 7 || n > 15) {
            return false;
        }
        int state = 0;
        for (int i = from; i < to && state >= 0; i++) {
            state = Values.ipv4Step(state, b[i]);
        }
        return Values.ipv4End(state);
    }

    /**
     * {@link Values#hostName} of the ASCII lower case of {@code b[from, to)} (plain ASCII, no
     * escapes), checked while it is lowered into the record's scratch buffer: the name's length
     * there, or -1 when it is no host name.
     */
    private static int hostName(TsvRecord r, int from, int to) {
        byte[] b = r.buf;
        int n = to - from;
        if (n > 1 && b[to - 1] == '.') {
            n--;
        }
        if (n == 0 || n > MAX_HOST) {
            return -1;
        }
        byte[] out = r.scratch(n);
        int labelStart = 0;
        boolean onlyDigitsAndDots = true;
        for (int i = 0; i <= n; i++) {
            int c = i == n ? '.' : b[from + i];
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0 || len > MAX_LABEL || out[labelStart] == '-' || out[i - 1] == '-') {
                    return -1;
                }
                labelStart = i + 1;
                if (i < n) {
                    out[i] = '.';
                }
                continue;
            }
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return -1;
            }
            onlyDigitsAndDots &= c >= '0' && c <= '9';
            out[i] = (byte) c;
        }
        return onlyDigitsAndDots ? -1 : n;
    }
}
