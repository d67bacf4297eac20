package org.threatledger.history;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A segment's file name, {@code <lo>-<hi>-<generation>.seg}: it holds what flushes number lo..hi
 * recorded, rewritten {@code generation} times by retention. A merge writes the union's range
 * before deleting its inputs, so after a crash between the two steps the inputs are recognised as
 * covered and deleted on open; nothing is counted twice.
 */
record SegmentName(long lo, long hi, int generation) {
    private static final Pattern FORM = Pattern.compile("(\\d{12})-(\\d{12})-(\\d{4,9})\\.seg");

    static Optional<SegmentName> parse(String fileName) {
        Matcher m = FORM.matcher(fileName);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new SegmentName(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Integer.parseInt(m.group(3))));
    }

    String fileName() {
        return String.format("%012d-%012d-%04d.seg", lo, hi, generation);
    }

    /** True when {@code other} holds nothing this one does not hold more recently. */
    boolean supersedes(SegmentName other) {
        if (equals(other) || other.lo < lo || other.hi > hi) {
            return false;
        }
        return other.lo != lo || other.hi != hi || generation > other.generation;
    }
}
