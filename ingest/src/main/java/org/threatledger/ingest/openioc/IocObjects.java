package org.threatledger.ingest.openioc;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;

/**
 * The STIX objects of one OpenIOC document: the indicator, the malware families and threat
 * groups its links name, and {@code indicates} relationships to them.
 *
 * <p>Attribution is taken only from what the links say. A {@code rel="threatgroup"} link names an
 * intrusion set; so does a {@code rel="family"} link whose value is a Mandiant group name
 * ({@code APT1}, {@code FIN4}: Mandiant's APT1 appendix puts the group in a family link). The bare
 * word {@code APT} names no group and is ignored. Other family links name malware families; with
 * none, a short description "NAME (FAMILY)" names the family. Malware and intrusion-set stubs get
 * the fixed time 1970-01-01T00:00:00Z, so every IOC that names them yields the same object.
 */
final class IocObjects {
    static final String EPOCH = "1970-01-01T00:00:00.000Z";
    private static final Pattern GROUP = Pattern.compile("(?i)(APT|FIN)\\d+");
    private static final Pattern FAMILY_DESCRIPTION = Pattern.compile("(.+?)\\s*\\(FAMILY\\)\\s*");

    private IocObjects() {}

    static Set<String> groups(IocDocument doc) {
        Set<String> groups = new LinkedHashSet<>();
        for (IocDocument.Link l : doc.links()) {
            String rel = l.rel().toLowerCase(Locale.ROOT);
            boolean named = !l.value().isEmpty() && !l.value().equalsIgnoreCase("APT");
            if (named && (rel.equals("threatgroup") || (rel.equals("family") && GROUP.matcher(l.value()).matches()))) {
                groups.add(l.value());
            }
        }
        return groups;
    }

    static Set<String> families(IocDocument doc) {
        Set<String> families = new LinkedHashSet<>();
        for (IocDocument.Link l : doc.links()) {
            if (l.rel().equalsIgnoreCase("family") && !l.value().isEmpty() && !l.value().equalsIgnoreCase("APT")
                    && !GROUP.matcher(l.value()).matches()) {
                families.add(l.value());
            }
        }
        if (families.isEmpty() && doc.shortDescription() != null) {
            var m = FAMILY_DESCRIPTION.matcher(doc.shortDescription());
            if (m.matches()) {
                families.add(m.group(1));
            }
        }
        return families;
    }

    static StixObject indicator(IocDocument doc, Instant time, String pattern, ImportOptions options) {
        ObjectNode o = base("indicator", Ids.derived("indicator", "openioc", doc.id()), Timestamps.format(time), options);
        o.put("name", doc.shortDescription() != null ? doc.shortDescription() : doc.id());
        if (doc.description() != null) {
            o.put("description", doc.description());
        }
        o.putArray("indicator_types").add("malicious-activity");
        o.put("pattern", pattern).put("pattern_type", "stix").put("pattern_version", "2.1");
        o.put("valid_from", Timestamps.format(time));
        o.putArray("external_references").addObject().put("source_name", "openioc").put("external_id", doc.id());
        return StixObject.of(o);
    }

    static StixObject malware(String family, ImportOptions options) {
        ObjectNode o = base("malware", Ids.derived("malware", "name", family.toLowerCase(Locale.ROOT)), EPOCH, options);
        o.put("name", family).put("is_family", true);
        return StixObject.of(o);
    }

    static StixObject intrusionSet(String group, ImportOptions options) {
        ObjectNode o = base("intrusion-set", Ids.derived("intrusion-set", "name", group.toLowerCase(Locale.ROOT)), EPOCH, options);
        o.put("name", group);
        return StixObject.of(o);
    }

    static StixObject indicates(StixObject indicator, StixObject target) {
        String id = Ids.derived("relationship", indicator.id(), "indicates", target.id());
        ObjectNode o = StixJson.object();
        String time = indicator.json().get("modified").asText();
        o.put("type", "relationship").put("spec_version", "2.1").put("id", id).put("created", time).put("modified", time);
        o.put("relationship_type", "indicates").put("source_ref", indicator.id()).put("target_ref", target.id());
        if (indicator.has("object_marking_refs")) {
            o.set("object_marking_refs", indicator.get("object_marking_refs").deepCopy());
        }
        return StixObject.of(o);
    }

    private static ObjectNode base(String type, String id, String time, ImportOptions options) {
        ObjectNode o = StixJson.object();
        o.put("type", type).put("spec_version", "2.1").put("id", id).put("created", time).put("modified", time);
        if (options.tlp() != null) {
            o.putArray("object_marking_refs").add(options.tlp().markingId());
        }
        return o;
    }
}
