package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import org.threatledger.stix.Patterns;

/**
 * One STIX pattern comparison (STIX 2.1 §9.5) on an SCO property: {@code file:hashes.MD5 = '…'}.
 * The value is a JSON string or integer so it can both be written into a pattern and set on the
 * observable object.
 *
 * @param objectType the SCO type, {@code file}
 * @param path       the object path after the colon, in pattern syntax: {@code hashes.'SHA-256'}
 * @param operator   {@code =} or {@code ISSUBSET}
 * @param value      the normalised value
 */
record Comparison(String objectType, String path, String operator, JsonNode value) {

    /** {@code objectType:path operator literal}. */
    String pattern() {
        String literal = value.isNumber() ? value.asText() : Patterns.quote(value.asText());
        return objectType + ":" + path + " " + operator + " " + literal;
    }
}
