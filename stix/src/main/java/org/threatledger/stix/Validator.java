package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.threatledger.stix.Finding.Severity;
import org.threatledger.stix.StixType.Kind;
import org.threatledger.stix.StixType.Value;

/**
 * Checks STIX 2.1 objects against the spec: common properties per kind, ids, timestamps and their
 * order, property types, reference targets, hashes, markings, custom property and type names, and
 * open vocabularies (warnings). Every rule reads the one type table ({@link StixTypes}).
 *
 * <p>Design: a validator is immutable and thread-safe. Extension definitions met in the objects
 * being validated register their top-level properties for that call only. The STIX pattern
 * grammar lives in the {@code pattern} module, which depends on this one, so a caller passes its
 * parser in as a checker; without one only the pattern's shape is checked ({@link PatternShape}).
 * Nothing thrown escapes: a broken object yields findings, never an exception.
 */
public final class Validator {
    private final Function<String, Optional<String>> patternChecker;

    /** A validator that checks only the shape of STIX patterns. */
    public Validator() {
        this(PatternShape::check);
    }

    /** A validator that asks {@code patternChecker} about each STIX pattern (empty = fine, else the error). */
    public Validator(Function<String, Optional<String>> patternChecker) {
        this.patternChecker = patternChecker;
    }

    /** Validates one object on its own. */
    public ValidationReport validate(StixObject object) {
        return validateAll(List.of(object));
    }

    /** Validates objects that belong together (a bundle): extension definitions among them apply to all. */
    public ValidationReport validateAll(Iterable<StixObject> objects) {
        Map<String, Set<String>> extensions = new HashMap<>();
        for (StixObject o : objects) {
            register(o, extensions);
        }
        List<Finding> out = new ArrayList<>();
        for (StixObject o : objects) {
            check(o, extensions, out);
        }
        return new ValidationReport(out);
    }

    /** Reads and validates a whole document; what cannot be read becomes an ERROR finding too. */
    public ValidationReport validate(InputStream in, String source) {
        Map<String, Set<String>> extensions = new HashMap<>();
        List<Finding> out = new ArrayList<>();
        BundleReader.read(in, source, o -> {
            register(o, extensions);
            check(o, extensions, out);
        }, p -> out.add(new Finding(Severity.ERROR,
                p.objectId() != null ? p.objectId() : p.source() + ":" + p.line(), p.property(), null, p.message())));
        return new ValidationReport(out);
    }

    private static void register(StixObject o, Map<String, Set<String>> extensions) {
        if (o.type().equals("extension-definition") && o.strings("extension_types").contains("toplevel-property-extension")) {
            extensions.put(o.id(), Set.copyOf(o.strings("extension_properties")));
        }
    }

    private void check(StixObject o, Map<String, Set<String>> extensions, List<Finding> out) {
        Findings f = new Findings(o.id(), out);
        try {
            Optional<StixType> type = StixTypes.find(o.type());
            Kind kind = type.isPresent() ? o.kind() : customKind(o);
            CommonRules.check(o, kind, type.isPresent(), f);
            Map<String, Value> common = CommonRules.commonOf(o.type(), kind);
            for (Map.Entry<String, JsonNode> e : o.json().properties()) {
                Value value = common.get(e.getKey());
                if (value != null && !(type.isPresent() && type.get().properties().containsKey(e.getKey()))) {
                    PropertyRules.checkValue(e.getKey(), e.getValue(), value, f);
                }
            }
            PropertyRules.checkReferences(o, CommonRules.COMMON_REFERENCES, f);
            MarkingRules.checkGranular(o, f);
            type.ifPresent(t -> PropertyRules.check(o, t, f));
            TypeRules.check(o, patternChecker, f);
            checkCustomProperties(o, type, common, extensions, f);
        } catch (RuntimeException e) {
            f.error(null, null, "could not be validated: " + e);
        }
    }

    /** An extension-defined type says its kind through its extension_type (STIX 2.1 §7.3). */
    private static Kind customKind(StixObject o) {
        if (!Extensions.ofType(o, "new-sco").isEmpty()) {
            return Kind.SCO;
        }
        return Extensions.ofType(o, "new-sro").isEmpty() ? Kind.SDO : Kind.SRO;
    }

    /**
     * STIX 2.1 §11.1: custom property names are a-z, 0-9 and _ (3-250 characters); a property the
     * spec does not define should carry the {@code x_} prefix or come from a top-level property extension.
     */
    private static void checkCustomProperties(StixObject o, Optional<StixType> type, Map<String, Value> common,
            Map<String, Set<String>> extensions, Findings f) {
        Set<String> toplevel = Extensions.ofType(o, "toplevel-property-extension");
        boolean unknownExtension = toplevel.stream().anyMatch(id -> !extensions.containsKey(id));
        for (Map.Entry<String, JsonNode> e : o.json().properties()) {
            String p = e.getKey();
            if (common.containsKey(p) || type.map(t -> t.properties().containsKey(p)).orElse(false)) {
                continue;
            }
            if (!CommonRules.isPropertyName(p)) {
                f.error(p, e.getValue(), "a custom property name has 3 to 250 characters a-z, 0-9 and _");
            } else if (type.isPresent() && !p.startsWith("x_") && !unknownExtension
                    && toplevel.stream().noneMatch(id -> extensions.get(id).contains(p))) {
                f.warn(p, e.getValue(), "custom property not defined for " + o.type()
                        + "; custom property names should start with x_ or come from an extension");
            }
        }
    }
}
