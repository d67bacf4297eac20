package org.threatledger.taxii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The status resources of recent POSTs (TAXII 2.1 §4.3), kept in memory for the last 10,000
 * requests; each is visible only to the partner that posted it. POSTs complete before they are
 * answered, so a status never changes after it is recorded; a restart forgets them.
 */
final class StatusBoard {
    private static final int KEEP = 10_000;

    private record Posted(String partner, ObjectNode status) {
    }

    private final Map<String, Posted> recent = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Posted> eldest) {
            return size() > KEEP;
        }
    };

    synchronized void record(String id, String partner, ObjectNode status) {
        recent.put(id, new Posted(partner, status));
    }

    synchronized Optional<ObjectNode> get(String id, String partner) {
        Posted e = recent.get(id);
        return e == null || !e.partner.equals(partner) ? Optional.empty() : Optional.of(e.status);
    }
}
