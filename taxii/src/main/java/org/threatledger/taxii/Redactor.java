package org.threatledger.taxii;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.TlpReferences;
import org.threatledger.stix.Validator;

/**
 * The redactions of an agreement. A redacted object keeps its id and version (the partner sees
 * the same object, with less in it) and stays valid STIX: a redacted object that would not
 * validate is withheld rather than sent broken.
 */
final class Redactor {
    private static final List<String> IDENTITY_KEEP = List.of("type", "spec_version", "id", "created", "modified",
            "sectors", "object_marking_refs", "granular_markings", "revoked", "confidence", "lang");

    private final Set<Partner.Redaction> rules;
    private final Validator validator = new Validator();

    Redactor(Set<Partner.Redaction> rules) {
        this.rules = rules;
    }

    Optional<StixObject> redact(StixObject o) {
        String type = o.type();
        if (withholds(o)) {
            return Optional.empty();
        }
        if (rules.contains(Partner.Redaction.VICTIMS) && type.equals("identity") && isVictim(o)) {
            return valid(sectorOnly(o));
        }
        if (rules.contains(Partner.Redaction.SIGHTINGS) && type.equals("sighting") && o.has("where_sighted_refs")) {
            ArrayNode anon = StixJson.mapper().createArrayNode().add(TlpReferences.ANONYMOUS_IDENTITY);
            return valid(o.with("where_sighted_refs", anon));
        }
        return Optional.of(o);
    }

    /** Whether these redactions withhold the object entirely (notes and opinions under {@code notes}). */
    boolean withholds(StixObject o) {
        return rules.contains(Partner.Redaction.NOTES) && (o.type().equals("note") || o.type().equals("opinion"));
    }

    private static boolean isVictim(StixObject o) {
        String cls = o.text("identity_class").orElse("unspecified");
        return !cls.equals("class");
    }

    private static StixObject sectorOnly(StixObject o) {
        ObjectNode out = StixJson.object();
        for (String keep : IDENTITY_KEEP) {
            if (o.has(keep)) {
                out.set(keep, o.get(keep).deepCopy());
            }
        }
        List<String> sectors = o.strings("sectors");
        out.put("name", sectors.isEmpty() ? "Redacted organisation" : "Organisation in " + String.join(", ", sectors));
        out.put("identity_class", "class");
        return StixObject.of(out);
    }

    private Optional<StixObject> valid(StixObject o) {
        return validator.validate(o).isValid() ? Optional.of(o) : Optional.empty();
    }
}
