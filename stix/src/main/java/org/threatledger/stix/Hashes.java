package org.threatledger.stix;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The hashes dictionary (STIX 2.1 §2.7, hash-algorithm-ov §10.4): the algorithms with a fixed
 * form are checked (MD5 32 hex digits, SHA-1 40, SHA-256 64, SHA-512 128, ...); other keys are
 * allowed by the spec but warned about, as a consumer will not know them.
 */
final class Hashes {
    private static final Map<String, Pattern> FORMS = Map.of(
            "MD5", hex(32), "SHA-1", hex(40), "SHA-256", hex(64), "SHA-512", hex(128),
            "SHA3-256", hex(64), "SHA3-512", hex(128),
            "SSDEEP", Pattern.compile("[a-zA-Z0-9/+:.]{1,128}"), "TLSH", Pattern.compile("[a-zA-Z0-9]{70,72}"));
    private static final Pattern CUSTOM_KEY = Pattern.compile("[a-zA-Z0-9_-]{3,250}");

    private Hashes() {}

    private static Pattern hex(int digits) {
        return Pattern.compile("[a-fA-F0-9]{" + digits + "}");
    }

    static void check(String property, JsonNode hashes, Findings f) {
        if (!hashes.isObject()) {
            f.error(property, hashes, "expected an object of algorithm to hash value");
            return;
        }
        if (hashes.isEmpty()) {
            f.error(property, hashes, "must have at least one hash");
        }
        for (Map.Entry<String, JsonNode> e : hashes.properties()) {
            String key = e.getKey();
            JsonNode value = e.getValue();
            String at = property + "." + key;
            if (!value.isTextual()) {
                f.error(at, value, "a hash value must be a string");
                continue;
            }
            Pattern form = FORMS.get(key);
            if (form != null) {
                if (!form.matcher(value.asText()).matches()) {
                    f.error(at, value, "not a valid " + key + " hash");
                }
            } else if (!CUSTOM_KEY.matcher(key).matches()) {
                f.error(at, value, "a hash algorithm name has 3 to 250 letters, digits, '-' or '_'");
            } else {
                f.warn(at, value, "'" + key + "' is not in hash-algorithm-ov " + Vocabularies.HASH_ALGORITHM.stream().sorted().toList());
            }
        }
    }
}
