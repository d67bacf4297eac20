package org.threatledger.telemetry;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;

/**
 * A declarative mapping from the fields of a JSON-lines, CSV or unknown Zeek log to observations,
 * read from a properties file:
 * <pre>
 * field.query     = DOMAIN DNS_QUERY           # field.NAME = KIND [WHERE] [port=FIELD]
 * field.dest_ip   = IP CONN_RESP port=dest_port
 * field.url       = URL                        # WHERE defaults to FIELD
 * time.field      = timestamp                  # default ts
 * time.format     = auto                       # auto (epoch seconds or ISO-8601), epoch-millis, epoch-micros
 * sensor.field    = host                       # optional
 * uid.field       = event_id                   # optional
 * csv.fields      = timestamp,host,query       # optional; else the CSV's first line names the fields
 * csv.delimiter   = ,                          # optional
 * zeek.paths      = kerberos,notice            # optional: the Zeek logs it applies to (default: all without a built-in adapter)
 * </pre>
 * KIND is an {@link ObservationType} name, or {@code IP} (v4 or v6) or {@code HOST} (name or
 * address). Dotted Zeek names ({@code id.resp_h}) also find JSON's {@code id_resp_h}. An unknown
 * key, kind or WHERE fails the load with a message naming it: a mapping is configuration, and a
 * typo would otherwise silently observe nothing.
 */
public final class FieldMapping {
    /** One mapped field. */
    record Rule(String field, String kind, Where where, String portField) {}

    final List<Rule> rules;
    final String timeField;
    final String timeFormat;
    final String sensorField;
    final String uidField;
    final List<String> csvFields;
    final char csvDelimiter;
    final Set<String> zeekPaths;

    private FieldMapping(List<Rule> rules, Properties p) {
        this.rules = List.copyOf(rules);
        this.timeField = p.getProperty("time.field", "ts");
        this.timeFormat = p.getProperty("time.format", "auto");
        this.sensorField = p.getProperty("sensor.field");
        this.uidField = p.getProperty("uid.field");
        String fields = p.getProperty("csv.fields");
        this.csvFields = fields == null ? null : List.of(fields.split(",", -1)).stream().map(String::strip).toList();
        String d = p.getProperty("csv.delimiter", ",");
        this.csvDelimiter = d.equals("\\t") || d.equals("tab") ? '\t' : d.charAt(0);
        String paths = p.getProperty("zeek.paths");
        this.zeekPaths = paths == null ? Set.of() : new TreeSet<>(List.of(paths.split(",")).stream().map(String::strip).toList());
        if (!Set.of("auto", "epoch-seconds", "epoch-millis", "epoch-micros", "iso8601").contains(timeFormat)) {
            throw new IllegalArgumentException("mapping time.format '" + timeFormat + "': expected auto, epoch-seconds, epoch-millis, epoch-micros or iso8601");
        }
    }

    /** Reads a mapping file; fails naming the file and the bad entry. */
    public static FieldMapping load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        try {
            return of(p);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** A mapping from properties (see the class comment for the keys). */
    public static FieldMapping of(Properties p) {
        Set<String> plain = Set.of("time.field", "time.format", "sensor.field", "uid.field", "csv.fields",
                "csv.delimiter", "zeek.paths");
        List<Rule> rules = new ArrayList<>();
        for (String key : new TreeSet<>(p.stringPropertyNames())) {
            if (key.startsWith("field.") && key.length() > 6) {
                rules.add(rule(key.substring(6), p.getProperty(key)));
            } else if (!plain.contains(key)) {
                throw new IllegalArgumentException("mapping key '" + key + "' is unknown");
            }
        }
        return new FieldMapping(rules, p);
    }

    private static Rule rule(String field, String spec) {
        String[] words = spec.strip().split("\\s+");
        String kind = words[0].toUpperCase(Locale.ROOT);
        if (!kind.equals("IP") && !kind.equals("HOST")) {
            try {
                ObservationType.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("mapping field." + field + ": '" + words[0] + "' is not IP, HOST or an observation type", e);
            }
        }
        Where where = Where.FIELD;
        String port = null;
        for (int i = 1; i < words.length; i++) {
            if (words[i].startsWith("port=")) {
                port = words[i].substring(5);
            } else {
                try {
                    where = Where.valueOf(words[i].toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("mapping field." + field + ": '" + words[i] + "' is not a Where value", e);
                }
            }
        }
        return new Rule(field, kind, where, port);
    }

    /** Whether it applies to a Zeek log without a built-in adapter. */
    boolean appliesTo(String zeekPath) {
        return zeekPaths.isEmpty() || zeekPaths.contains(zeekPath);
    }

    /** Observes every mapped field of one record, the field text looked up by name. */
    void observe(Function<String, String> text, RecordSink sink) {
        for (Rule rule : rules) {
            String raw = text.apply(rule.field);
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            int port = rule.portField == null ? -1 : Observe.port(sink, text.apply(rule.portField));
            switch (rule.kind) {
                case "IP" -> Observe.address(sink, raw, port, rule.where);
                case "HOST" -> Observe.host(sink, Values.lowerAscii(raw), port, rule.where, rule.field);
                default -> Observe.typed(sink, ObservationType.valueOf(rule.kind), raw, port, rule.where, rule.field);
            }
        }
    }

    /** The record time from its mapped time field, or {@link Times#BAD}. */
    long time(Function<String, String> text) {
        String t = text.apply(timeField);
        if (t == null) {
            return Times.BAD;
        }
        return switch (timeFormat) {
            case "epoch-millis" -> Times.epochMillis(t);
            case "epoch-micros" -> Times.epochMicros(t);
            case "iso8601" -> Times.iso(t);
            default -> Times.parse(t);
        };
    }
}
