package org.threatledger.stix;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The one JSON configuration for STIX content. Limits are deliberate: 200 levels of nesting
 * (real STIX never goes past ten; a hostile document of 10,000 levels is refused at once, not
 * on the stack) and 16 MB per string (a 100 MB description is refused by name, not buffered).
 * Duplicate keys are an error, as the spec requires unique property names.
 */
public final class StixJson {
    public static final int MAX_NESTING = 200;
    public static final int MAX_STRING = 16 * 1024 * 1024;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING)
                    .maxStringLength(MAX_STRING)
                    .maxNumberLength(400)
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY)
            .disable(com.fasterxml.jackson.databind.cfg.JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .build();

    private StixJson() {}

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static JsonFactory factory() {
        return FACTORY;
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    public static JsonNode readTree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new StixException("malformed JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr(), e);
        }
    }

    /** Parses UTF-8 JSON, with the same limits and errors as {@link #readTree(String)}. */
    public static JsonNode readTree(byte[] utf8) {
        try {
            return MAPPER.readTree(utf8);
        } catch (JsonProcessingException e) {
            throw new StixException("malformed JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + " column " + e.getLocation().getColumnNr(), e);
        } catch (java.io.IOException e) {
            throw new StixException("malformed JSON: " + e.getMessage(), e);
        }
    }

    public static String write(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new StixException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }
}
