package org.threatledger.sighting;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.UUID;
import org.threatledger.match.ObservationType;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

/**
 * The STIX cyber-observable object for an observed value, with its deterministic id (STIX 2.1
 * §2.9: UUIDv5 in the SCO namespace over the canonical JSON of the ID-contributing properties).
 * Every value here has exactly one contributing property (a {@code value}, a {@code name}, a
 * {@code serial_number} or one hash), so the canonical form is written directly. The same rule as
 * the MISP importer's {@code ScoIds}, so a hit and an imported observable meet on one id.
 * JA3/JA3S fingerprints and user agents have no STIX SCO and get none.
 */
final class Scos {
    /** STIX 2.1 §2.9: the namespace of SCO ids. */
    static final UUID NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    private Scos() {}

    /** The SCO for {@code (type, value)}, or empty when STIX has no observable for the type. */
    static Optional<StixObject> of(ObservationType type, String value) {
        return switch (type) {
            case DOMAIN -> Optional.of(simple("domain-name", "value", value));
            case IPV4 -> Optional.of(simple("ipv4-addr", "value", value));
            case IPV6 -> Optional.of(simple("ipv6-addr", "value", value));
            case URL -> Optional.of(simple("url", "value", value));
            case EMAIL -> Optional.of(simple("email-addr", "value", value));
            case FILE_NAME -> Optional.of(simple("file", "name", value));
            case X509_SERIAL -> Optional.of(simple("x509-certificate", "serial_number", value));
            case MD5 -> Optional.of(hashed("file", "MD5", value));
            case SHA1 -> Optional.of(hashed("file", "SHA-1", value));
            case SHA256 -> Optional.of(hashed("file", "SHA-256", value));
            case X509_SHA1 -> Optional.of(hashed("x509-certificate", "SHA-1", value));
            case X509_SHA256 -> Optional.of(hashed("x509-certificate", "SHA-256", value));
            case JA3, JA3S, USER_AGENT -> Optional.empty();
        };
    }

    private static StixObject simple(String type, String property, String value) {
        ObjectNode o = base(type, "{" + json(property) + ":" + json(value) + "}");
        o.put(property, value);
        return StixObject.of(o);
    }

    private static StixObject hashed(String type, String algorithm, String value) {
        ObjectNode o = base(type, "{\"hashes\":{" + json(algorithm) + ":" + json(value) + "}}");
        o.putObject("hashes").put(algorithm, value);
        return StixObject.of(o);
    }

    private static ObjectNode base(String type, String canonicalContributing) {
        ObjectNode o = StixJson.object();
        o.put("type", type);
        o.put("spec_version", "2.1");
        o.put("id", type + "--" + Ids.uuid5(NAMESPACE, canonicalContributing));
        return o;
    }

    private static String json(String s) {
        return StixJson.write(StixJson.mapper().getNodeFactory().textNode(s));
    }
}
