package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

/**
 * The STIX 2.1 cyber-observable objects a MISP value describes, built from its pattern
 * comparisons: one SCO per object type, plus an address object for each {@code *_ref(s).value}
 * comparison ({@code domain|ip}, {@code ip-dst|port}). Ids follow {@link ScoIds}. A comparison on a
 * property an SCO cannot hold in this form (a PE extension, a MIME part) is left out; if nothing is
 * left the value has no observable form.
 */
final class Observables {
    private Observables() {}

    /** The SCOs, referenced objects first and the main object(s) last. */
    static List<StixObject> of(List<Comparison> comparisons, Collection<String> markings) {
        Map<String, ObjectNode> byType = new LinkedHashMap<>();
        List<StixObject> out = new ArrayList<>(3);
        for (Comparison c : comparisons) {
            ObjectNode sco = byType.computeIfAbsent(c.objectType(), Observables::sco);
            String path = c.path();
            if (path.startsWith("hashes.")) {
                sco.withObject("hashes").set(unquote(path.substring(7)), c.value());
            } else if (path.endsWith("_refs[*].value")) {
                StixObject address = address(c.value().asText(), markings);
                out.add(address);
                sco.withArray(path.substring(0, path.indexOf('['))).add(address.id());
            } else if (path.endsWith("_ref.value")) {
                StixObject address = address(c.value().asText(), markings);
                out.add(address);
                sco.put(path.substring(0, path.indexOf('.')), address.id());
            } else if (path.equals("values[*].data")) {
                sco.withArray("values").addObject().set("data", c.value());
            } else if (path.indexOf('.') < 0 && path.indexOf('[') < 0) {
                sco.set(path, c.value());
            }
        }
        for (ObjectNode sco : byType.values()) {
            if (sco.size() > 2) {
                out.add(finish(sco, markings));
            }
        }
        return out;
    }

    private static ObjectNode sco(String type) {
        ObjectNode o = StixJson.object();
        o.put("type", type);
        o.put("spec_version", "2.1");
        return o;
    }

    private static StixObject address(String value, Collection<String> markings) {
        ObjectNode o = sco(value.contains(":") ? "ipv6-addr" : "ipv4-addr");
        o.put("value", value);
        return finish(o, markings);
    }

    private static StixObject finish(ObjectNode sco, Collection<String> markings) {
        if (sco.get("type").asText().equals("network-traffic") && !sco.has("protocols")) {
            boolean six = sco.path("dst_ref").asText(sco.path("src_ref").asText()).startsWith("ipv6-addr");
            sco.putArray("protocols").add(six ? "ipv6" : "ipv4");
        }
        ObjectNode o = sco(sco.get("type").asText());
        o.put("id", ScoIds.of(sco));
        o.setAll(sco);
        if (!markings.isEmpty()) {
            markings.forEach(o.putArray("object_marking_refs")::add);
        }
        return StixObject.of(o);
    }

    private static String unquote(String key) {
        return key.length() > 1 && key.startsWith("'") && key.endsWith("'") ? key.substring(1, key.length() - 1) : key;
    }
}
