package org.threatledger.telemetry;

import java.util.List;
import java.util.Map;

/**
 * A Zeek JSON record over its flat map; a field is found by its dotted name
 * ({@code id.orig_h}, zed and rita) or its underscored one ({@code id_orig_h}, OTRF).
 */
final class JsonRecord implements ZeekRecord {
    private final Map<String, Object> fields;

    JsonRecord(Map<String, Object> fields) {
        this.fields = fields;
    }

    private Object get(ZeekField f) {
        Object v = fields.get(f.dotted);
        return v != null || f.underscored.equals(f.dotted) ? v : fields.get(f.underscored);
    }

    @Override
    public String text(ZeekField f) {
        return scalar(get(f));
    }

    @Override
    public String text(String dottedName) {
        Object v = fields.get(dottedName);
        return scalar(v != null ? v : fields.get(dottedName.replace('.', '_')));
    }

    @Override
    public String lowerText(ZeekField f) {
        String s = text(f);
        return s == null ? null : Values.lowerAscii(s);
    }

    @Override
    public List<String> texts(ZeekField f) {
        Object v = get(f);
        if (v instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        String s = scalar(v);
        return s == null || s.isEmpty() ? List.of() : List.of(s);
    }

    private static String scalar(Object v) {
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Boolean b) {
            return b ? "T" : "F";
        }
        return null;
    }

    @Override
    public ZeekRecord snapshot() {
        return this;
    }
}
