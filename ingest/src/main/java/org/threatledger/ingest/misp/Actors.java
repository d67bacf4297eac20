package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.threatledger.stix.StixObject;

/**
 * The actor-specific meta of a threat-actor galaxy value: origin country ({@code meta.country},
 * relationship {@code originates-from}), suspected state sponsor and attribution confidence as
 * {@code x_threatledger_*} properties, type of incident as motivations, target categories and
 * sectors as {@code targets} sector identities, suspected victims as {@code targets} countries.
 * A victim name that is not a country (a region, a company) is warned about, not guessed.
 */
final class Actors {
    private Actors() {}

    static void describe(ObjectNode actor, JsonNode meta, Instant at, Collection<String> markings,
                         List<StixObject> out, Clusters.Warnings w) {
        String id = actor.get("id").asText();
        if (meta.path("cfr-suspected-state-sponsor").isTextual()) {
            actor.put("x_threatledger_state_sponsor", meta.path("cfr-suspected-state-sponsor").asText());
        }
        if (meta.path("attribution-confidence").isTextual()) {
            actor.put("x_threatledger_attribution_confidence", meta.path("attribution-confidence").asText());
        }
        motivations(actor, Clusters.strings(meta.path("cfr-type-of-incident")));
        targets(id, meta, at, markings, out, w);
        for (String code : Clusters.strings(meta.path("country"))) {
            if (code.matches("[A-Za-z]{2}")) {
                out.add(Sdo.country(code, at, markings));
                out.add(Sdo.relationship("originates-from", id, Sdo.countryId(code), at, markings));
            } else {
                w.warn("meta.country", "'" + code + "' is not an ISO 3166-1 alpha-2 code");
            }
        }
    }

    private static void targets(String id, JsonNode meta, Instant at, Collection<String> markings,
                                List<StixObject> out, Clusters.Warnings w) {
        for (String field : List.of("cfr-target-category", "targeted-sector")) {
            for (String sector : Clusters.strings(meta.path(field))) {
                out.add(Sdo.sector(sector, at, markings));
                out.add(Sdo.relationship("targets", id, Sdo.sectorId(sector), at, markings));
            }
        }
        for (String victim : Clusters.strings(meta.path("cfr-suspected-victims"))) {
            var code = Countries.code(victim);
            if (code.isPresent()) {
                out.add(Sdo.country(code.get(), at, markings));
                out.add(Sdo.relationship("targets", id, Sdo.countryId(code.get()), at, markings));
            } else {
                w.warn("meta.cfr-suspected-victims", "'" + victim + "' is not a country name; no location made");
            }
        }
    }

    private static void motivations(ObjectNode actor, List<String> motivations) {
        if (!motivations.isEmpty()) {
            actor.put("primary_motivation", motivation(motivations.get(0)));
            motivations.subList(1, motivations.size()).forEach(s ->
                    actor.withArray("secondary_motivations").add(motivation(s)));
        }
    }

    private static String motivation(String text) {
        return text.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }
}
