package org.threatledger.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Zeek JSON logs in the three dialects found in the wild: JSON Streaming Logs ({@code _path},
 * ISO-8601 {@code ts}, dotted keys: zed-sample-data), plain {@code LogAscii::use_json} (epoch
 * {@code ts}, dotted keys: rita) and the {@code @stream}/{@code @system} form with underscored keys
 * (OTRF). Recognised by content: a JSON object whose first line carries {@code _path},
 * {@code @stream}, or a {@code ts} with a {@code uid}/{@code fuid}/{@code id.orig_h}. The log is the
 * record's {@code _path}/{@code @stream}, else the file name's; the sensor its
 * {@code _system}/{@code @system}.
 */
final class ZeekJsonAdapter implements TelemetryAdapter {
    @Override
    public String format() {
        return "zeek-json";
    }

    @Override
    public boolean recognises(String fileName, byte[] head, int length, TelemetryOptions options) {
        int i = 0;
        while (i < length && (head[i] == ' ' || head[i] == '\n' || head[i] == '\r')) {
            i++;
        }
        if (i >= length || head[i] != '{') {
            return false;
        }
        String text = new String(head, i, length - i, StandardCharsets.UTF_8);
        int eol = text.indexOf('\n');
        String first = eol < 0 ? text : text.substring(0, eol);
        return first.contains("\"_path\"") || first.contains("\"@stream\"")
                || first.contains("\"ts\"") && (first.contains("\"uid\"") || first.contains("\"fuid\"")
                        || first.contains("\"id.orig_h\"") || first.contains("\"id_orig_h\""));
    }

    @Override
    public LineParser open(String source, TelemetryOptions options) {
        String pathFromName = ZeekLog.pathOfFileName(source);
        FieldMapping mapping = options.mapping();
        return (buf, from, to, line, sink) -> {
            if (blank(buf, from, to)) {
                return null;
            }
            Map<String, Object> fields = JsonLines.read(buf, from, to);
            if (fields == null) {
                return JsonLines.failure(buf, from, to);
            }
            JsonRecord r = new JsonRecord(fields);
            long time = Times.parse(r.text("ts"));
            if (time == Times.BAD) {
                return ParseError.BAD_TIME;
            }
            String path = first(r.text("_path"), r.text("@stream"), pathFromName);
            String sensor = first(r.text("_system"), r.text("@system"), null);
            ZeekLog log = ZeekLog.of(path);
            sink.begin(line, time, ZeekLogs.uid(r), sensor, () -> new ZeekObserved(log, r, time, sink.sensor()));
            ZeekLogs.observe(log, r, sink, mapping != null && mapping.appliesTo(path) ? mapping : null);
            return null;
        };
    }

    static boolean blank(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r') {
                return false;
            }
        }
        return true;
    }

    private static String first(String a, String b, String c) {
        return a != null ? a : b != null ? b : c;
    }
}
