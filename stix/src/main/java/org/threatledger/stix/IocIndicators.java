package org.threatledger.stix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A list entry as a full STIX indicator, for exports. The id is derived from the list and the
 * value, so exporting twice gives the same ids. A domain that matches its subdomains is exported
 * with the pattern that says so in standard STIX:
 * {@code [domain-name:value = 'x' OR domain-name:value LIKE '%.x']}.
 */
public final class IocIndicators {
    private IocIndicators() {}

    /** The STIX pattern of an entry, subdomain semantics included. */
    public static String pattern(IocEntry e) {
        if (e.type() == IocType.DOMAIN && e.subdomains()) {
            return "[domain-name:value = " + Patterns.quote(e.value())
                    + " OR domain-name:value LIKE " + Patterns.quote("%." + e.value()) + "]";
        }
        return Patterns.of(e.type(), e.value(), e.port());
    }

    /** The indicator for an entry of {@code list}, carrying the list's markings and times. */
    public static StixObject indicator(StixObject list, IocEntry e) {
        ObjectNode o = StixJson.object();
        o.put("type", "indicator");
        o.put("spec_version", "2.1");
        o.put("id", Ids.derived("indicator", list.id(), e.type().name(), e.value(), Integer.toString(e.port())));
        String created = list.text("created").orElse("1970-01-01T00:00:00.000Z");
        o.put("created", created);
        o.put("modified", list.text("modified").orElse(created));
        o.put("name", e.port() >= 0 ? e.value() + ":" + e.port() : e.value());
        if (e.comment() != null) {
            o.put("description", e.comment());
        }
        o.putArray("indicator_types").add("malicious-activity");
        o.put("pattern", pattern(e));
        o.put("pattern_type", "stix");
        o.put("valid_from", created);
        if (list.has("object_marking_refs")) {
            o.set("object_marking_refs", list.get("object_marking_refs").deepCopy());
        }
        if (e.reference() != null) {
            ArrayNode refs = o.putArray("external_references");
            ObjectNode ref = refs.addObject();
            ref.put("source_name", list.name().orElse("list"));
            if (e.reference().startsWith("http://") || e.reference().startsWith("https://")) {
                ref.put("url", e.reference());
            } else {
                ref.put("description", e.reference());
            }
        }
        o.put("x_threatledger_list_ref", list.id());
        return StixObject.of(o);
    }
}
