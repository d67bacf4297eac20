package org.threatledger.ingest.lists;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.threatledger.stix.IocValue;

/**
 * How a list's data lines hold their fields, decided from its first data line:
 * <ul>
 *   <li>plain: one value per line, an inline {@code  # comment} after blanks allowed (maltrail, ESET),
 *       and a trailing LOKI score {@code ;NN} of up to three digits (signature-base c2 lists);</li>
 *   <li>delimited with a header: the separator ({@code ,} {@code ;} or tab) and columns are found by
 *       header name (value column: value, indicator, ioc, ip, domain, url, hash, md5, sha1, sha256;
 *       then type, comment/description, reference/link);</li>
 *   <li>delimited without a header: the first field is a value ({@code HASH;COMMENT}), the second a comment.</li>
 * </ul>
 * Fields follow RFC 4180 quoting within a line; quoted fields spanning lines are not supported.
 *
 * @param separator 0 for plain lists
 * @param header    whether the first data line is a header to skip
 */
record Layout(char separator, boolean header, int valueColumn, int typeColumn, int commentColumn, int referenceColumn) {
    static final Layout PLAIN = new Layout((char) 0, false, 0, -1, -1, -1);

    private static final List<String> VALUE_NAMES =
            List.of("value", "indicator", "ioc", "ip", "domain", "url", "hash", "md5", "sha1", "sha256");
    private static final Set<String> COMMENT_NAMES = Set.of("comment", "description");
    private static final Set<String> REFERENCE_NAMES = Set.of("reference", "link");

    /**
     * The fields of one data line: value, declared type, comment, reference (null where absent),
     * and a LOKI score ({@code 1.2.3.4;65} in signature-base c2 lists), -1 when none.
     */
    record Fields(String value, String type, String comment, String reference, int score) {}

    /** The layout a list's first data line implies. */
    static Layout of(String firstDataLine) {
        for (char sep : new char[] {'\t', ';', ','}) {
            if (firstDataLine.indexOf(sep) < 0) {
                continue;
            }
            List<String> cells = split(firstDataLine, sep);
            Optional<Layout> header = fromHeader(sep, cells);
            if (header.isPresent()) {
                return header.get();
            }
            if (IocValue.detect(cells.get(0)).isPresent() && !IocValue.detect(firstDataLine).isPresent()) {
                return new Layout(sep, false, 0, -1, cells.size() > 1 ? 1 : -1, -1);
            }
        }
        return PLAIN;
    }

    private static Optional<Layout> fromHeader(char sep, List<String> cells) {
        int value = -1;
        int type = -1;
        int comment = -1;
        int reference = -1;
        for (String name : VALUE_NAMES) {
            for (int i = 0; i < cells.size() && value < 0; i++) {
                if (norm(cells.get(i)).equals(name)) {
                    value = i;
                }
            }
        }
        for (int i = 0; i < cells.size(); i++) {
            String n = norm(cells.get(i));
            if (n.equals("type") && type < 0) {
                type = i;
            } else if (COMMENT_NAMES.contains(n) && comment < 0) {
                comment = i;
            } else if (REFERENCE_NAMES.contains(n) && reference < 0) {
                reference = i;
            }
        }
        return value < 0 ? Optional.empty() : Optional.of(new Layout(sep, true, value, type, comment, reference));
    }

    private static String norm(String cell) {
        return cell.strip().toLowerCase(Locale.ROOT);
    }

    /** Splits a data line into its fields; for plain lists, the value and an inline comment. */
    Fields fields(String line) {
        if (separator == 0) {
            int hash = inlineComment(line);
            String value = hash < 0 ? line.strip() : line.substring(0, hash).strip();
            String comment = hash < 0 ? null : emptyToNull(line.substring(hash + 1));
            int semi = value.lastIndexOf(';');
            if (semi > 0 && semi + 1 < value.length() && semi + 4 >= value.length() && allDigits(value, semi + 1)) {
                return new Fields(value.substring(0, semi), null, comment, null, Integer.parseInt(value.substring(semi + 1)));
            }
            return new Fields(value, null, comment, null, -1);
        }
        List<String> cells = split(line, separator);
        return new Fields(cell(cells, valueColumn), cell(cells, typeColumn), cell(cells, commentColumn),
                cell(cells, referenceColumn), -1);
    }

    private static boolean allDigits(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** The index of a {@code #} that starts an inline comment (preceded by a blank), else -1. */
    private static int inlineComment(String line) {
        for (int i = line.indexOf('#'); i > 0; i = line.indexOf('#', i + 1)) {
            char before = line.charAt(i - 1);
            if (before == ' ' || before == '\t') {
                return i;
            }
        }
        return -1;
    }

    private static String cell(List<String> cells, int column) {
        return column >= 0 && column < cells.size() ? emptyToNull(cells.get(column)) : null;
    }

    private static String emptyToNull(String s) {
        String t = s.strip();
        return t.isEmpty() ? null : t;
    }

    /** RFC 4180 fields of one line: quotes group, {@code ""} inside quotes is a quote. */
    static List<String> split(String line, char sep) {
        List<String> cells = new ArrayList<>(4);
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                cell.setLength(0);
            } else if (c == sep) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }
}
