package org.threatledger.exports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.threatledger.analysis.Actor;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;
import org.threatledger.stix.Tlp;
import org.threatledger.store.StoredObject;

/**
 * {@code misp}: one MISP event (MISP core format, {@code {"Event":{...}}}) holding every value as
 * an attribute with its MISP type and category, {@code to_ids: true} (they are indicators), and a
 * {@code tlp:*} tag; the event carries the strictest TLP of its attributes. With {@code --actor},
 * the event carries the actor as a {@code threat-actor} galaxy cluster (the MISP galaxy uuid when
 * the actor came from MISP, else the uuid of its STIX id, so a re-import meets the same actor).
 *
 * <p>Ids are stable: an attribute takes the uuid of the STIX indicator it comes from (a second
 * value of the same indicator gets one derived from it), so importing the event back yields the
 * same indicator ids; the event uuid is derived from the export's parameters, so a later export of
 * the same selection updates the event in MISP instead of duplicating it. Its {@code timestamp} is
 * the newest {@code modified} of its values. MISP refuses duplicate values in one event, and has
 * no subdomain wildcards; both are skipped and counted.
 */
final class MispEventExporter implements Exporter {
    /** The MISP "Threat Actor" galaxy (misp-galaxy, galaxies/threat-actor.json). */
    static final String THREAT_ACTOR_GALAXY = "698774c7-8022-42c4-917f-8d6e4f06ada3";

    @Override
    public String format() {
        return "misp";
    }

    @Override
    public String description() {
        return "one MISP event (JSON) with typed attributes, TLP tags and the actor's galaxy cluster";
    }

    @Override
    public void write(ExportContext context, ExportOutput output) throws IOException {
        Optional<Actor> actor = context.actor();
        String actorName = actor.flatMap(a -> allowedName(context, a)).orElse(null);
        ObjectNode root = StixJson.object();
        ObjectNode event = header(root.putObject("Event"), context.options(), actor, actorName);
        Attributes attributes = attributes(context);
        event.put("date", attributes.newest.atZone(ZoneOffset.UTC).toLocalDate().toString());
        event.put("timestamp", Long.toString(attributes.newest.getEpochSecond()));
        event.putArray("Tag").addObject().put("name", "tlp:" + attributes.strictest.label());
        event.set("Attribute", attributes.json);
        if (actor.isPresent() && actorName != null) {
            event.putArray("Galaxy").add(galaxy(context, actor.get(), actorName));
        } else if (actor.isPresent()) {
            context.summary().note("the actor itself is above --max-tlp: the event names no actor");
        }
        try (OutputStream os = output.open("event.json")) {
            StixJson.mapper().writerWithDefaultPrettyPrinter().writeValue(os, root);
        }
    }

    /** The attributes of the event, with their strictest TLP and newest time. */
    private record Attributes(ArrayNode json, Tlp strictest, Instant newest) { }

    private static ObjectNode header(ObjectNode event, ExportOptions options, Optional<Actor> actor, String actorName) {
        String scope = actor.map(a -> a.primary().id()).orElse("*");
        event.put("uuid", Ids.uuid5(Ids.NAMESPACE, "misp-export\u001f" + scope + "\u001f" + options.maxTlp().label()
                + "\u001f" + options.minConfidence()).toString());
        event.put("info", "ThreatLedger export: indicators" + (actorName == null ? "" : " of " + actorName)
                + " (TLP up to " + options.maxTlp().display() + ")");
        event.putObject("Orgc").put("name", "ThreatLedger");
        event.put("published", false);
        event.put("analysis", "2");
        event.put("threat_level_id", "2");
        return event;
    }

    private static Attributes attributes(ExportContext context) {
        ArrayNode json = StixJson.mapper().createArrayNode();
        Tlp strictest = Tlp.CLEAR;
        Instant newest = Instant.EPOCH;
        Set<String> seen = new HashSet<>();
        Set<String> uuids = new HashSet<>();
        for (ExportValue v : context.values()) {
            MispTypes.Typed t = MispTypes.of(v, context.summary());
            if (t == null) {
                continue;
            }
            if (!seen.add(t.type() + "|" + t.value())) {
                context.summary().skip("same value already in the event (MISP refuses duplicates)");
                continue;
            }
            Instant modified = Timestamps.tryParse(v.modified()).orElse(Instant.EPOCH);
            json.add(attribute(v, t, uuid(v, t, uuids), modified));
            strictest = v.tlp().isMoreRestrictiveThan(strictest) ? v.tlp() : strictest;
            newest = modified.isAfter(newest) ? modified : newest;
            context.summary().wrote();
        }
        return new Attributes(json, strictest, newest);
    }

    private static ObjectNode attribute(ExportValue v, MispTypes.Typed t, String uuid, Instant modified) {
        ObjectNode a = StixJson.object();
        a.put("uuid", uuid);
        a.put("type", t.type());
        a.put("category", t.category());
        a.put("value", t.value());
        a.put("to_ids", true);
        a.put("distribution", "5");
        a.put("timestamp", Long.toString(modified.getEpochSecond()));
        StringBuilder comment = new StringBuilder();
        if (v.comment() != null) {
            comment.append(v.comment());
        }
        if (v.actor() != null) {
            comment.append(comment.isEmpty() ? "" : " ").append("(actor: ").append(v.actor()).append(')');
        }
        if (!comment.isEmpty()) {
            a.put("comment", comment.toString());
        }
        a.putArray("Tag").addObject().put("name", "tlp:" + v.tlp().label());
        return a;
    }

    /** The indicator's own uuid for its first value; a derived one for any further value. */
    private static String uuid(ExportValue v, MispTypes.Typed t, Set<String> used) {
        String own = v.indicatorId().substring(v.indicatorId().indexOf("--") + 2);
        if (used.add(own)) {
            return own;
        }
        String derived = Ids.uuid5(Ids.NAMESPACE, v.indicatorId() + "\u001f" + t.type() + "\u001f" + t.value()).toString();
        used.add(derived);
        return derived;
    }

    private static Optional<String> allowedName(ExportContext context, Actor actor) {
        return actor.members().stream().filter(m -> context.options().allows(m.tlp())).findFirst()
                .map(m -> m.object().name().orElse(m.object().id()));
    }

    private static ObjectNode galaxy(ExportContext context, Actor actor, String name) {
        ObjectNode g = StixJson.object();
        g.put("uuid", THREAT_ACTOR_GALAXY);
        g.put("name", "Threat Actor");
        g.put("type", "threat-actor");
        ObjectNode c = g.putArray("GalaxyCluster").addObject();
        c.put("type", "threat-actor");
        c.put("value", name);
        c.put("uuid", clusterUuid(context, actor));
        Set<String> synonyms = new LinkedHashSet<>();
        for (StoredObject m : actor.members()) {
            if (context.options().allows(m.tlp())) {
                synonyms.addAll(names(m.object()));
                m.object().externalIds().stream().filter(e -> e.matches("G\\d{4}")).forEach(synonyms::add);
            }
        }
        synonyms.remove(name);
        if (!synonyms.isEmpty()) {
            ArrayNode syn = c.putObject("meta").putArray("synonyms");
            synonyms.forEach(syn::add);
        }
        return g;
    }

    private static Set<String> names(StixObject o) {
        Set<String> out = new LinkedHashSet<>();
        o.name().ifPresent(out::add);
        out.addAll(o.strings("aliases"));
        return out;
    }

    /** A MISP galaxy uuid a member already has, else the uuid of the primary's STIX id. */
    private static String clusterUuid(ExportContext context, Actor actor) {
        for (StoredObject m : actor.members()) {
            var refs = m.object().get("external_references");
            if (refs != null && context.options().allows(m.tlp())) {
                for (var r : refs) {
                    if ("misp-galaxy".equals(r.path("source_name").asText()) && r.hasNonNull("external_id")) {
                        return r.get("external_id").asText();
                    }
                }
            }
        }
        String id = actor.primary().id();
        return id.substring(id.indexOf("--") + 2);
    }
}
