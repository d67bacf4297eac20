package org.threatledger.exports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an export did: how many records it wrote, how many it skipped and why, which values it
 * wrote narrower than the intelligence says (a "with subdomains" domain as the domain alone), the
 * files it wrote, and notes the user should read. Reasons are sentences counted by exact text.
 */
public final class ExportSummary {
    private final String format;
    private long written;
    private final Map<String, Long> skipped = new TreeMap<>();
    private final Map<String, Long> narrowed = new TreeMap<>();
    private final List<String> files = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    /** An empty summary for {@code format} (what the count is of: an export format, a push). */
    public ExportSummary(String format) {
        this.format = format;
    }

    /** Counts one written record. */
    public void wrote() {
        written++;
    }

    /** Counts one record left out, and why. */
    public void skip(String reason) {
        skipped.merge(reason, 1L, Long::sum);
    }

    /** Counts one record written with narrower meaning than it has, and how. */
    public void narrow(String how) {
        narrowed.merge(how, 1L, Long::sum);
    }

    /** Adds a note for the user, once. */
    public void note(String text) {
        if (!notes.contains(text)) {
            notes.add(text);
        }
    }

    void file(String path) {
        files.add(path);
    }

    public String format() {
        return format;
    }

    public long written() {
        return written;
    }

    public Map<String, Long> skipped() {
        return Map.copyOf(skipped);
    }

    public long skippedTotal() {
        return skipped.values().stream().mapToLong(Long::longValue).sum();
    }

    public Map<String, Long> narrowed() {
        return Map.copyOf(narrowed);
    }

    public List<String> files() {
        return List.copyOf(files);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** The summary as a JSON-ready map, keys in a fixed order. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", format);
        m.put("written", written);
        m.put("skipped", new LinkedHashMap<>(skipped));
        m.put("narrowed", new LinkedHashMap<>(narrowed));
        m.put("files", List.copyOf(files));
        m.put("notes", List.copyOf(notes));
        return m;
    }

    /** Human-readable lines: written, then each skip and narrowing reason with its count, then notes. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        out.add(String.format("%s: wrote %,d to %s", format, written, String.join(", ", files)));
        skipped.forEach((reason, n) -> out.add(String.format("  skipped %,d: %s", n, reason)));
        narrowed.forEach((how, n) -> out.add(String.format("  narrower %,d: %s", n, how)));
        notes.forEach(n -> out.add("  note: " + n));
        return out;
    }
}
