package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.threatledger.stix.Tlp;

/**
 * The tags of a MISP event or attribute: {@code tlp:*} tags (MISP taxonomy "tlp") become a TLP
 * level, the strictest when several are given; {@code misp-galaxy:*} tags are left out because the
 * galaxies they name are mapped as objects; every other tag is a label, as written.
 */
record Tags(Optional<Tlp> tlp, List<String> labels) {

    static Tags of(JsonNode tags) {
        Tlp tlp = null;
        List<String> labels = new ArrayList<>();
        for (JsonNode tag : tags) {
            String name = tag.path("name").asText("").trim();
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("tlp:")) {
                Optional<Tlp> t = Tlp.parse(name);
                if (t.isPresent()) {
                    tlp = tlp == null || t.get().isMoreRestrictiveThan(tlp) ? t.get() : tlp;
                    continue;
                }
            }
            if (!name.isEmpty() && !lower.startsWith("misp-galaxy:") && !labels.contains(name)) {
                labels.add(name);
            }
        }
        return new Tags(Optional.ofNullable(tlp), labels);
    }

    /** The stricter of this TLP and another. */
    Optional<Tlp> strictest(Optional<Tlp> other) {
        return stricter(tlp, other);
    }

    /** The stricter of two optional TLP levels: the most restrictive wins. */
    static Optional<Tlp> stricter(Optional<Tlp> a, Optional<Tlp> b) {
        if (a.isEmpty()) {
            return b;
        }
        if (b.isEmpty()) {
            return a;
        }
        return Optional.of(a.get().isMoreRestrictiveThan(b.get()) ? a.get() : b.get());
    }
}
