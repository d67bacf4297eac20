package org.threatledger.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.threatledger.stix.StixObject;

/**
 * What the store derives from the current version of an object, so that queries never parse JSON:
 * lookup keys, the ids a relationship or sighting points at, and the text to search.
 */
final class Indexing {
    private Indexing() {
    }

    /** The normal form of a lookup key: trimmed, lower case. */
    static String key(String text) {
        return text.trim().toLowerCase(Locale.ROOT);
    }

    /** Name, {@code aliases}, {@code x_mitre_aliases} and external ids, as lookup keys. */
    static Set<String> keys(StixObject o) {
        Set<String> keys = new LinkedHashSet<>();
        o.name().ifPresent(n -> keys.add(key(n)));
        o.strings("aliases").forEach(a -> keys.add(key(a)));
        o.strings("x_mitre_aliases").forEach(a -> keys.add(key(a)));
        o.externalIds().forEach(e -> keys.add(key(e)));
        keys.remove("");
        return keys;
    }

    /** The ids a relationship or sighting connects (STIX 2.1 §5.1, §5.2); empty for other objects. */
    static Set<String> edges(StixObject o) {
        Set<String> refs = new LinkedHashSet<>();
        switch (o.type()) {
            case "relationship" -> {
                o.text("source_ref").ifPresent(refs::add);
                o.text("target_ref").ifPresent(refs::add);
            }
            case "sighting" -> {
                o.text("sighting_of_ref").ifPresent(refs::add);
                refs.addAll(o.strings("where_sighted_refs"));
                refs.addAll(o.strings("observed_data_refs"));
            }
            default -> { }
        }
        return refs;
    }

    /**
     * Name, aliases (space-separated) and description to index, or null for relationships and
     * sightings (they are found through {@code relationships(id)}, and ATT&CK's 20,000 relationship
     * descriptions would triple the index) and for objects without any of the three.
     */
    static String[] searchText(StixObject o) {
        if (o.type().equals("relationship") || o.type().equals("sighting")) {
            return null;
        }
        List<String> aliases = new ArrayList<>(o.strings("aliases"));
        aliases.addAll(o.strings("x_mitre_aliases"));
        String name = o.name().orElse(null);
        String description = o.text("description").orElse(null);
        if (name == null && aliases.isEmpty() && description == null) {
            return null;
        }
        return new String[] {name, aliases.isEmpty() ? null : String.join(" ", aliases), description};
    }

    /** Microseconds since the epoch; STIX timestamps beyond microseconds are ordered by their text. */
    static long micros(Instant t) {
        return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000);
    }
}
