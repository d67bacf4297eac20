package org.threatledger.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;
import org.threatledger.pattern.ObjectPath;
import org.threatledger.pattern.Observed;

/**
 * Squid's native access log: {@code time elapsed client code/status bytes method URL user
 * hierarchy/peer type}, fields separated by runs of spaces. The URL becomes a URL @PROXY_URL (a
 * CONNECT's {@code host:port} an {@code https://} URL), its host a domain or address @PROXY_HOST.
 */
final class SquidAdapter implements TelemetryAdapter {
    private static final int FIELDS = 10;

    @Override
    public String format() {
        return "squid";
    }

    @Override
    public boolean recognises(String fileName, byte[] head, int length, TelemetryOptions options) {
        int eol = 0;
        while (eol < length && head[eol] != '\n') {
            eol++;
        }
        String[] f = new String(head, 0, eol, StandardCharsets.UTF_8).strip().split(" +");
        return f.length >= FIELDS && f[0].matches("\\d+\\.\\d+") && f[3].matches("[A-Z_]+/\\d{3}");
    }

    @Override
    public LineParser open(String source, TelemetryOptions options) {
        return (buf, from, to, line, sink) -> {
            if (ZeekJsonAdapter.blank(buf, from, to)) {
                return null;
            }
            String[] f = new String[FIELDS];
            int n = 0;
            int i = from;
            while (i < to) {
                while (i < to && buf[i] == ' ') {
                    i++;
                }
                int start = i;
                while (i < to && buf[i] != ' ') {
                    if (buf[i] >= 0 && buf[i] < 0x20 && buf[i] != '\r') {
                        return ParseError.BINARY_GARBAGE;
                    }
                    i++;
                }
                if (i > start && n < FIELDS) {
                    f[n] = new String(buf, start, i - start, StandardCharsets.UTF_8).strip();
                }
                n += i > start ? 1 : 0;
            }
            if (n < FIELDS) {
                return ParseError.WRONG_FIELD_COUNT;
            }
            long time = Times.parse(f[0]);
            if (time == Times.BAD) {
                return ParseError.BAD_TIME;
            }
            sink.begin(line, time, null, null, () -> new SquidObserved(f, time, sink.sensor()));
            observe(f[5], f[6], sink);
            return null;
        };
    }

    private static void observe(String method, String target, RecordSink sink) {
        String raw = url(method, target);
        Observe.typed(sink, ObservationType.URL, raw, -1, Where.PROXY_URL, "squid url");
        Observe.host(sink, Values.lowerAscii(host(raw)), -1, Where.PROXY_HOST, "squid url host");
    }

    static String url(String method, String target) {
        return "CONNECT".equals(method) && target.indexOf("://") < 0 ? "https://" + target : target;
    }

    /** The authority's host of a URL (user info dropped; port kept for the caller to strip). */
    static String host(String url) {
        int start = url.indexOf("://");
        start = start < 0 ? 0 : start + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = url.substring(start, end);
        return authority.substring(authority.lastIndexOf('@') + 1);
    }

    /** A Squid line as a {@code url}, the host's {@code domain-name} and an http-request. */
    private record SquidObserved(String[] f, long timeMicros, String sensor) implements Observed {
        @Override
        public List<Object> values(ObjectPath path) {
            return ObservedPaths.select(path, key -> switch (key) {
                case "url:value" -> one(Values.url(url(f[5], f[6])));
                case "domain-name:value" -> one(Values.hostName(Values.lowerAscii(Observe.stripPort(host(url(f[5], f[6]))))));
                case "network-traffic:src_ref.value" -> one(f[2]);
                case "network-traffic:extensions.http-request-ext.request_method" -> one(f[5]);
                case "network-traffic:extensions.http-request-ext.request_value" -> one(f[6]);
                default -> List.of();
            });
        }

        private static List<Object> one(Object v) {
            return v == null ? List.of() : List.of(v);
        }
    }
}
