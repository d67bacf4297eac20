package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** What an object's {@code extensions} dictionary says about it (STIX 2.1 §7.3). */
final class Extensions {
    private Extensions() {}

    /** True when an extension with extension_type new-sdo, new-sco or new-sro defines this object's type. */
    static boolean definesNewObject(StixObject o) {
        return !ofType(o, "new-").isEmpty();
    }

    /** The extension-definition ids whose extension_type starts with {@code prefix}. */
    static Set<String> ofType(StixObject o, String prefix) {
        JsonNode extensions = o.get("extensions");
        Set<String> out = new LinkedHashSet<>();
        if (extensions == null || !extensions.isObject()) {
            return out;
        }
        for (Map.Entry<String, JsonNode> e : extensions.properties()) {
            JsonNode type = e.getValue().get("extension_type");
            if (type != null && type.isTextual() && type.asText().startsWith(prefix)) {
                out.add(e.getKey());
            }
        }
        return out;
    }
}
