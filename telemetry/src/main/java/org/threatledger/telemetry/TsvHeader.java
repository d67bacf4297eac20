package org.threatledger.telemetry;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The header of a Zeek TSV log ({@code #separator}, {@code #set_separator}, {@code #empty_field},
 * {@code #unset_field}, {@code #path}, {@code #fields}): the separators and markers to split and
 * decode data lines by, and each known field's column, resolved once.
 */
final class TsvHeader {
    byte separator = '\t';
    byte setSeparator = ',';
    byte[] empty = "(empty)".getBytes(StandardCharsets.US_ASCII);
    byte[] unset = {'-'};
    String path;
    String[] fields;
    final int[] columns = new int[ZeekField.values().length];
    final Map<String, Integer> byName = new HashMap<>();

    TsvHeader(String pathFromFileName) {
        this.path = pathFromFileName;
        Arrays.fill(columns, -1);
    }

    /** A header for a new {@code #fields} line in the same input: same separators, fresh columns. */
    TsvHeader next() {
        TsvHeader h = new TsvHeader(path);
        h.separator = separator;
        h.setSeparator = setSeparator;
        h.empty = empty;
        h.unset = unset;
        return h;
    }

    /** Reads one {@code #} line; unknown directives ({@code #open}, {@code #types}) are ignored. */
    void read(byte[] buf, int from, int to) {
        String line = new String(buf, from, to - from, StandardCharsets.UTF_8);
        if (line.startsWith("#separator ")) {
            String value = unescape(line.substring("#separator ".length()));
            if (value.length() == 1) {
                separator = (byte) value.charAt(0);
            }
            return;
        }
        String[] parts = split(line, (char) (separator & 0xff));
        if (parts.length < 2) {
            return;
        }
        switch (parts[0]) {
            case "#set_separator" -> setSeparator = (byte) unescape(parts[1]).charAt(0);
            case "#empty_field" -> empty = unescape(parts[1]).getBytes(StandardCharsets.UTF_8);
            case "#unset_field" -> unset = unescape(parts[1]).getBytes(StandardCharsets.UTF_8);
            case "#path" -> path = parts[1];
            case "#fields" -> fields(Arrays.copyOfRange(parts, 1, parts.length));
            default -> { }
        }
    }

    private void fields(String[] names) {
        fields = names;
        byName.clear();
        Arrays.fill(columns, -1);
        for (int i = 0; i < names.length; i++) {
            byName.put(names[i], i);
            ZeekField f = ZeekField.named(names[i]);
            if (f != null) {
                columns[f.ordinal()] = i;
            }
        }
    }

    boolean isUnset(byte[] buf, int from, int to) {
        return equals(buf, from, to, unset);
    }

    boolean isEmpty(byte[] buf, int from, int to) {
        return equals(buf, from, to, empty);
    }

    /** A plain loop: the markers are one to seven bytes, too short for {@code Arrays.equals}' setup to pay. */
    private static boolean equals(byte[] buf, int from, int to, byte[] marker) {
        if (to - from != marker.length) {
            return false;
        }
        for (int i = 0; i < marker.length; i++) {
            if (buf[from + i] != marker[i]) {
                return false;
            }
        }
        return true;
    }

    private static String[] split(String line, char sep) {
        return line.split(java.util.regex.Pattern.quote(String.valueOf(sep)), -1);
    }

    /** Zeek's {@code \xHH} escapes in header values. */
    private static String unescape(String s) {
        if (s.length() == 4 && s.startsWith("\\x")) {
            try {
                return String.valueOf((char) Integer.parseInt(s.substring(2), 16));
            } catch (NumberFormatException e) {
                return s;
            }
        }
        return s;
    }
}
