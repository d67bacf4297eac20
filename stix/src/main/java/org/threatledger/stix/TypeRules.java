package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The per-type rules the spec states in prose rather than in its property tables. */
final class TypeRules {
    private static final Pattern RELATIONSHIP_TYPE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> EXTENSION_TYPES = Set.of(
            "new-sdo", "new-sco", "new-sro", "property-extension", "toplevel-property-extension");

    private TypeRules() {}

    static void check(StixObject o, Function<String, Optional<String>> patternChecker, Findings f) {
        switch (o.type()) {
            case "indicator" -> indicator(o, patternChecker, f);
            case "malware" -> {
                if (o.get("is_family") != null && o.get("is_family").asBoolean(false) && !o.has("name")) {
                    f.error("name", null, "a malware family (is_family true) needs a name");
                }
            }
            case "location" -> location(o, f);
            case "observed-data" -> {
                if (o.has("objects") && o.has("object_refs")) {
                    f.error("objects", null, "objects and object_refs must not both be present");
                }
            }
            case "opinion" -> {
                JsonNode opinion = o.get("opinion");
                if (opinion != null && opinion.isTextual() && !Vocabularies.OPINION.contains(opinion.asText())) {
                    f.error("opinion", opinion, "must be one of " + sorted(Vocabularies.OPINION));
                }
            }
            case "relationship" -> relationship(o, f);
            case "marking-definition" -> MarkingRules.checkDefinition(o, f);
            case "extension-definition" -> {
                for (String t : o.strings("extension_types")) {
                    if (!EXTENSION_TYPES.contains(t)) {
                        f.error("extension_types", o.get("extension_types"), "'" + t + "' is not one of " + sorted(EXTENSION_TYPES));
                    }
                }
            }
            default -> { }
        }
        Timeline.order(o, "first_seen", "last_seen", false, f);
        Timeline.order(o, "first_observed", "last_observed", false, f);
        Timeline.order(o, "valid_from", "valid_until", true, f);
        Timeline.order(o, "start_time", "stop_time", true, f);
        Timeline.order(o, "start", "end", false, f);
    }

    private static java.util.List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static void indicator(StixObject o, Function<String, Optional<String>> patternChecker, Findings f) {
        JsonNode pattern = o.get("pattern");
        if (pattern == null || !pattern.isTextual()) {
            return;
        }
        // A missing pattern_type is reported on its own; the pattern is still read as STIX (the 2.0 default).
        boolean stix = o.text("pattern_type").map("stix"::equals).orElse(true);
        Optional<String> problem = pattern.asText().isBlank() ? Optional.of("a pattern must not be empty")
                : stix ? safely(patternChecker, pattern.asText()) : Optional.empty();
        problem.ifPresent(p -> f.error("pattern", pattern, p));
    }

    /** A caller's checker that throws is a finding too, never an escaped exception. */
    private static Optional<String> safely(Function<String, Optional<String>> checker, String pattern) {
        try {
            return checker.apply(pattern);
        } catch (RuntimeException e) {
            return Optional.of("the pattern checker failed: " + e);
        }
    }

    private static void location(StixObject o, Findings f) {
        if (o.has("latitude") != o.has("longitude")) {
            f.error(o.has("latitude") ? "longitude" : "latitude", null, "latitude and longitude go together");
        }
        if (o.has("precision") && !o.has("latitude")) {
            f.error("precision", o.get("precision"), "precision needs latitude and longitude");
        }
    }

    /** STIX 2.1 §5.1: the type is free text in a fixed alphabet; unsuggested types and targets are warnings. */
    private static void relationship(StixObject o, Findings f) {
        JsonNode rel = o.get("relationship_type");
        if (rel == null || !rel.isTextual()) {
            return;
        }
        if (!RELATIONSHIP_TYPE.matcher(rel.asText()).matches()) {
            f.error("relationship_type", rel, "must be lower-case ASCII letters, digits and hyphens");
            return;
        }
        String source = o.text("source_ref").filter(Ids::isValid).map(Ids::typeOf).orElse(null);
        String target = o.text("target_ref").filter(Ids::isValid).map(Ids::typeOf).orElse(null);
        if (source == null || target == null || Vocabularies.COMMON_RELATIONSHIPS.contains(rel.asText())) {
            return;
        }
        StixTypes.find(source).filter(t -> !t.relationships().isEmpty()).ifPresent(t -> {
            Set<String> targets = t.relationships().get(rel.asText());
            if (targets == null) {
                f.warn("relationship_type", rel, "not a relationship the spec suggests from " + source);
            } else if (!targets.contains(target) && StixTypes.find(target).isPresent()) {
                f.warn("target_ref", o.get("target_ref"), "the spec suggests " + source + " " + rel.asText()
                        + " only towards " + targets.stream().sorted().toList());
            }
        });
    }
}
