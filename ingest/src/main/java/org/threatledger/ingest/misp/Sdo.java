package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Instant;
import java.util.Collection;
import java.util.Locale;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;

/** Building blocks for the STIX domain and relationship objects the MISP importers create. */
final class Sdo {
    private Sdo() {}

    /** type, spec_version, id, created, modified, and object_marking_refs when given. */
    static ObjectNode base(String type, String id, Instant created, Instant modified, Collection<String> markings) {
        ObjectNode o = StixJson.object();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("created", Timestamps.format(created));
        o.put("modified", Timestamps.format(modified.isBefore(created) ? created : modified));
        if (!markings.isEmpty()) {
            ArrayNode refs = o.putArray("object_marking_refs");
            markings.forEach(refs::add);
        }
        return o;
    }

    /** A relationship with an id derived from source, type and target, so a re-import meets it. */
    static StixObject relationship(String type, String source, String target, Instant at, Collection<String> markings) {
        String id = Ids.derived("relationship", source, type, target);
        ObjectNode o = base("relationship", id, at, at, markings);
        o.put("relationship_type", type);
        o.put("source_ref", source);
        o.put("target_ref", target);
        return StixObject.of(o);
    }

    /** {@code {"source_name": source, "external_id": id}}. */
    static ObjectNode externalId(ArrayNode refs, String source, String id) {
        ObjectNode r = refs.addObject();
        r.put("source_name", source);
        r.put("external_id", id);
        return r;
    }

    /** An external reference to a web page, named after its host. */
    static void url(ArrayNode refs, String url) {
        ObjectNode r = refs.addObject();
        r.put("source_name", host(url));
        r.put("url", url);
    }

    private static String host(String url) {
        try {
            String h = URI.create(url.trim()).getHost();
            return h == null ? "link" : h.toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return "link";
        }
    }

    /** The sector identity of the conventions: {@code Ids.derived("identity", "sector", lower-case name)}. */
    static StixObject sector(String name, Instant at, Collection<String> markings) {
        String id = sectorId(name);
        ObjectNode o = base("identity", id, at, at, markings);
        o.put("name", name.trim());
        o.put("identity_class", "class");
        Sectors.industry(name).ifPresent(s -> o.putArray("sectors").add(s));
        return StixObject.of(o);
    }

    static String sectorId(String name) {
        return Ids.derived("identity", "sector", name.trim().toLowerCase(Locale.ROOT));
    }

    /** The country location of the conventions: {@code Ids.derived("location", "country", "CN")}. */
    static StixObject country(String iso, Instant at, Collection<String> markings) {
        String code = iso.toUpperCase(Locale.ROOT);
        ObjectNode o = base("location", countryId(code), at, at, markings);
        o.put("name", Countries.name(code));
        o.put("country", code);
        return StixObject.of(o);
    }

    static String countryId(String iso) {
        return Ids.derived("location", "country", iso.toUpperCase(Locale.ROOT));
    }

    /** The identity of a MISP organisation: {@code Ids.derived("identity", "misp-org", uuid)}. */
    static StixObject organisation(String uuid, String name, Instant at) {
        ObjectNode o = base("identity", orgId(uuid), at, at, java.util.List.of());
        o.put("name", name == null || name.isBlank() ? uuid : name);
        o.put("identity_class", "organization");
        Sdo.externalId(o.putArray("external_references"), "misp", uuid);
        return StixObject.of(o);
    }

    static String orgId(String uuid) {
        return Ids.derived("identity", "misp-org", uuid.toLowerCase(Locale.ROOT));
    }
}
