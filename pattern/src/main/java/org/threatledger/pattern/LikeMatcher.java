package org.threatledger.pattern;

import java.util.ArrayList;
import java.util.List;

/**
 * SQL LIKE (STIX 2.1 §9.5): {@code %} is any run of characters, {@code _} exactly one character
 * (a code point), everything else literal, and the whole value must match. §9.5 defines no escape
 * character, so a backslash is an ordinary character (the spec's own example
 * {@code 'C:\\Windows\\%\\foo'} relies on that).
 *
 * <p>Compiled once into the segments between {@code %}s. The first segment is anchored at the
 * start, the last at the end, and each middle one is taken at its leftmost position after the
 * previous one: leftmost is always safe because a later {@code %} can absorb whatever follows, so
 * no choice is ever revisited. Cost O(value length x pattern length) at worst, never exponential.
 */
final class LikeMatcher {
    /** {@code _} inside a segment. */
    private static final int ANY = -1;

    private final int[][] segments;
    private final boolean open; // at least one %: the segments need not cover the whole value

    LikeMatcher(String pattern) {
        List<int[]> parts = new ArrayList<>();
        List<Integer> current = new ArrayList<>();
        boolean sawPercent = false;
        for (int cp : pattern.codePoints().toArray()) {
            if (cp == '%') {
                parts.add(toArray(current));
                current.clear();
                sawPercent = true;
            } else {
                current.add(cp == '_' ? ANY : cp);
            }
        }
        parts.add(toArray(current));
        this.segments = parts.toArray(int[][]::new);
        this.open = sawPercent;
    }

    boolean matches(String value) {
        int[] text = value.codePoints().toArray();
        if (!open) {
            return text.length == segments[0].length && at(text, 0, segments[0]);
        }
        int[] first = segments[0];
        int[] last = segments[segments.length - 1];
        if (first.length + last.length > text.length || !at(text, 0, first)
                || !at(text, text.length - last.length, last)) {
            return false;
        }
        int from = first.length;
        int until = text.length - last.length;
        for (int i = 1; i < segments.length - 1; i++) {
            int found = find(text, from, until, segments[i]);
            if (found < 0) {
                return false;
            }
            from = found + segments[i].length;
        }
        return true;
    }

    /** Leftmost start of {@code segment} within text[from, until), or -1. */
    private static int find(int[] text, int from, int until, int[] segment) {
        for (int start = from; start + segment.length <= until; start++) {
            if (at(text, start, segment)) {
                return start;
            }
        }
        return -1;
    }

    private static boolean at(int[] text, int start, int[] segment) {
        for (int j = 0; j < segment.length; j++) {
            if (segment[j] != ANY && segment[j] != text[start + j]) {
                return false;
            }
        }
        return true;
    }

    private static int[] toArray(List<Integer> codePoints) {
        return codePoints.stream().mapToInt(Integer::intValue).toArray();
    }
}
