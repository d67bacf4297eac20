package org.threatledger.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV logs (RFC 4180 quoting, one record per line), read through a {@link FieldMapping}
 * (required): the field names come from {@code csv.fields}, else from the first line.
 */
final class CsvAdapter implements TelemetryAdapter {
    @Override
    public String format() {
        return "csv";
    }

    @Override
    public boolean recognises(String fileName, byte[] head, int length, TelemetryOptions options) {
        return options.mapping() != null && length > 0 && head[0] != '{' && head[0] != '#';
    }

    @Override
    public LineParser open(String source, TelemetryOptions options) {
        FieldMapping mapping = MappedRecords.required(options, format());
        Map<String, Integer> columns = new HashMap<>();
        if (mapping.csvFields != null) {
            index(mapping.csvFields, columns);
        }
        return (buf, from, to, line, sink) -> {
            if (ZeekJsonAdapter.blank(buf, from, to)) {
                return null;
            }
            String text = new String(buf, from, to - from, StandardCharsets.UTF_8);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c < 0x20 && c != '\t' && c != '\r') {
                    return ParseError.BINARY_GARBAGE;
                }
            }
            List<String> fields = split(text, mapping.csvDelimiter);
            if (fields == null) {
                return ParseError.TRUNCATED_LINE;
            }
            if (columns.isEmpty()) {
                index(fields, columns);
                return null;
            }
            if (fields.size() != columns.size()) {
                return ParseError.WRONG_FIELD_COUNT;
            }
            return MappedRecords.observe(mapping, name -> {
                Integer c = columns.get(name);
                return c == null ? null : fields.get(c);
            }, line, sink);
        };
    }

    private static void index(List<String> names, Map<String, Integer> columns) {
        for (int i = 0; i < names.size(); i++) {
            columns.put(names.get(i).strip(), i);
        }
    }

    /** The fields of one line; null when a quoted field is not closed. */
    static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int n = line.endsWith("\r") ? line.length() - 1 : line.length();
        for (int i = 0; i < n; i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < n && line.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.isEmpty()) {
                quoted = true;
            } else if (c == delimiter) {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            return null;
        }
        out.add(field.toString());
        return out;
    }
}
