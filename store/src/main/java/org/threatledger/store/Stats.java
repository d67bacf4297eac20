package org.threatledger.store;

import java.util.Map;

/**
 * Counts of current, non-revoked objects (deprecated ATT&CK objects included) and of the current
 * entries of current lists.
 *
 * @param byType      objects by STIX type
 * @param actors      intrusion sets and threat actors
 * @param indicators  STIX indicators plus current list entries
 * @param entriesByType current list entries by {@link org.threatledger.stix.IocType#label()}
 */
public record Stats(Map<String, Long> byType, long actors, long indicators, Map<String, Long> entriesByType) {
    /** The shape of {@code stats --json} and {@code GET /api/stats}. */
    public Map<String, Object> toJson() {
        Map<String, Object> objects = new java.util.LinkedHashMap<>();
        objects.put("total", total());
        objects.put("by_type", byType);
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        m.put("objects", objects);
        m.put("actors", actors);
        m.put("indicators", indicators);
        m.put("list_entries", entriesByType);
        return m;
    }

    public long total() {
        return byType.values().stream().mapToLong(Long::longValue).sum();
    }
}
