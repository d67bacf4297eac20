package org.threatledger.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.threatledger.stix.StixJson;

/**
 * A conformance oracle for "the OASIS STIX 2.1 validator accepts this", independent of the product's
 * own checks: each object is validated against the official OASIS STIX 2.1 JSON Schemas
 * (oasis-open/cti-stix2-json-schemas, draft 2020-12) read from a local folder, never the network.
 *
 * <p>Like the OASIS validator ({@code stix2validator.validator._schema_validate}), an object is
 * checked against the schema named after its {@code type}; a type with no schema (a custom object
 * such as {@code x-mitre-tactic}) is checked against {@code common/core.json} only. On top of the
 * schemas it runs the validator's MUST checks that a schema cannot express
 * ({@code stix2validator/v21/musts.py}): timestamps must be real instants ({@code timestamp}) and
 * {@code modified >= created} plus the per-type first/last pairs ({@code timestamp_compare}).
 * Not covered: pattern syntax, marking selectors, MIME types, language codes, CPE, UUID versions of
 * SCOs. JSON Schema {@code format} is left an annotation (the 2020-12 default).
 */
final class OasisSchemas {
    /** Every schema's {@code $id} starts with this; its relative {@code $ref}s resolve under it. */
    private static final String ID_PREFIX =
            "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";
    private static final List<String> COMMON_OBJECT_TYPES =
            List.of("marking-definition", "language-content", "extension-definition");

    /** musts.py {@code timestamp_compare}: (later, earlier, may they be equal?). */
    private record Order(String later, String earlier, boolean equalAllowed) {}

    private static final Order MODIFIED_AFTER_CREATED = new Order("modified", "created", true);
    private static final Map<String, List<Order>> ORDERS = Map.of(
            "campaign", List.of(new Order("last_seen", "first_seen", true)),
            "indicator", List.of(new Order("valid_until", "valid_from", false)),
            "infrastructure", List.of(new Order("last_seen", "first_seen", true)),
            "intrusion-set", List.of(new Order("last_seen", "first_seen", true)),
            "malware", List.of(new Order("last_seen", "first_seen", true)),
            "observed-data", List.of(new Order("last_observed", "first_observed", true)),
            "sighting", List.of(new Order("last_seen", "first_seen", true)),
            "threat-actor", List.of(new Order("last_seen", "first_seen", true)));
    /** Properties holding a STIX timestamp, checked for being a real instant (musts.py {@code timestamp}). */
    private static final List<String> TIMESTAMPS = List.of("created", "modified", "first_seen", "last_seen",
            "valid_from", "valid_until", "first_observed", "last_observed", "published");

    /** The shape common/timestamp.json accepts; a value without it is left to the schema's own error. */
    private static final Pattern TIMESTAMP_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z");

    private final Map<String, Schema> byType;
    private final Schema core;

    private OasisSchemas(Map<String, Schema> byType, Schema core) {
        this.byType = byType;
        this.core = core;
    }

    /** Loads the schemas under {@code schemasDir} (common/, observables/, sdos/, sros/), resolving refs locally. */
    static OasisSchemas load(Path schemasDir) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                b -> b.schemas(iri -> iri.startsWith(ID_PREFIX) ? read(schemasDir.resolve(iri.substring(ID_PREFIX.length()))) : null));
        Map<String, Schema> byType = new HashMap<>();
        for (String folder : List.of("sdos", "sros", "observables")) {
            for (String type : typesIn(schemasDir.resolve(folder))) {
                byType.put(type, schema(registry, folder, type));
            }
        }
        for (String type : COMMON_OBJECT_TYPES) {
            byType.put(type, schema(registry, "common", type));
        }
        return new OasisSchemas(Map.copyOf(byType), schema(registry, "common", "core"));
    }

    private static Schema schema(SchemaRegistry registry, String folder, String name) {
        Schema schema = registry.getSchema(SchemaLocation.of(ID_PREFIX + folder + "/" + name + ".json"));
        schema.initializeValidators(); // resolve every $ref now, so a broken mapping fails at load
        return schema;
    }

    private static String read(Path schemaFile) {
        try {
            return Files.readString(schemaFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read STIX schema " + schemaFile, e);
        }
    }

    private static List<String> typesIn(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - ".json".length()))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list STIX schemas in " + folder, e);
        }
    }

    /** The violations of one STIX object: schema errors, then the timestamp MUSTs; empty when it conforms. */
    List<String> check(JsonNode object) {
        Schema schema = byType.getOrDefault(object.path("type").asText(), core);
        List<String> violations = new ArrayList<>();
        for (Error error : schema.validate(object)) {
            violations.add(describe(error));
        }
        violations.addAll(timestampMusts(object));
        return violations;
    }

    /** "/external_references/0/url: ..." for a nested value; the bare message for the object itself. */
    private static String describe(Error error) {
        String where = error.getInstanceLocation().toString();
        String message = error.getMessage();
        return where.isEmpty() || message.startsWith(where) ? message : where + ": " + message;
    }

    private static List<String> timestampMusts(JsonNode object) {
        List<String> violations = new ArrayList<>();
        for (String property : TIMESTAMPS) {
            JsonNode value = object.get(property);
            if (value != null && TIMESTAMP_SHAPE.matcher(value.asText()).matches() && instant(value.asText()) == null) {
                violations.add("'" + property + "': '" + value.asText() + "' is not a valid timestamp");
            }
        }
        List<Order> orders = new ArrayList<>(List.of(MODIFIED_AFTER_CREATED));
        orders.addAll(ORDERS.getOrDefault(object.path("type").asText(), List.of()));
        for (Order order : orders) {
            Instant later = instant(object.path(order.later()).asText(null));
            Instant earlier = instant(object.path(order.earlier()).asText(null));
            if (later == null || earlier == null) {
                continue;
            }
            int cmp = later.compareTo(earlier);
            if (cmp < 0 || (cmp == 0 && !order.equalAllowed())) {
                violations.add("'" + order.later() + "' (" + later + ") must be later than "
                        + (order.equalAllowed() ? "or equal to " : "") + "'" + order.earlier() + "' (" + earlier + ")");
            }
        }
        return violations;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * Reads a bundle, bare object or array (gzipped when the name ends in .gz) and lists
     * {@code "<id>: <message>"} per violation.
     *
     * <p>The document is read as written, not through {@code BundleReader}: that reader upgrades
     * objects without {@code spec_version} to 2.1 on the way, which would hide exactly the kind of
     * mistake this oracle is for.
     */
    List<String> checkBundle(Path file) {
        JsonNode document;
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
            document = StixJson.mapper().readTree(in);
        } catch (IOException e) {
            return List.of(file + ": not readable as JSON: " + e.getMessage());
        }
        List<String> violations = new ArrayList<>();
        for (JsonNode object : objectsOf(document)) {
            String id = object.path("id").isTextual() ? object.path("id").asText() : file + " (object without id)";
            check(object).forEach(v -> violations.add(id + ": " + v));
        }
        return violations;
    }

    /** The objects of a bundle (its {@code objects}, validated one by one as the OASIS validator does), an array, or one object. */
    private static List<JsonNode> objectsOf(JsonNode document) {
        JsonNode objects = document.path("type").asText().equals("bundle") ? document.path("objects") : document;
        if (objects.isArray()) {
            List<JsonNode> list = new ArrayList<>();
            objects.forEach(list::add);
            return list;
        }
        return document.path("type").asText().equals("bundle") ? List.of() : List.of(document);
    }
}
