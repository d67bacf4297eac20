package org.threatledger.telemetry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;

/**
 * A mapped JSON/CSV record seen as STIX objects: each mapped field stands for the object its kind
 * names ({@code DOMAIN} a {@code domain-name}, {@code MD5} a {@code file}'s hash, ...), and an
 * address mapped {@code CONN_ORIG}/{@code CONN_RESP} for the {@code network-traffic} endpoint.
 */
final class MappedObserved extends KeyedObserved {
    private final FieldMapping mapping;
    private final Function<String, String> text;

    MappedObserved(FieldMapping mapping, Function<String, String> text, long timeMicros, String sensor) {
        super(timeMicros, sensor);
        this.mapping = mapping;
        this.text = text;
    }

    @Override
    List<Object> values(String key) {
        List<Object> out = new ArrayList<>(2);
        for (FieldMapping.Rule rule : mapping.rules) {
            String raw = text.apply(rule.field());
            if (raw == null || raw.isEmpty()) {
                continue;
            }
            ObservationType type = typeOf(rule.kind(), raw);
            if (type == null) {
                continue;
            }
            if (key.equals(stixKey(type))) {
                out.add(type == ObservationType.DOMAIN ? Values.lowerAscii(raw) : raw);
            } else if (endpoint(rule.where(), key, "value") && (type == ObservationType.IPV4 || type == ObservationType.IPV6)) {
                out.add(raw);
            } else if (endpoint(rule.where(), key, "port") && rule.portField() != null) {
                try {
                    out.add(Long.parseLong(text.apply(rule.portField())));
                } catch (NumberFormatException e) {
                    // not a port: the record simply has none
                }
            }
        }
        return out;
    }

    private static boolean endpoint(Where where, String key, String property) {
        String ref = where == Where.CONN_ORIG ? "src" : where == Where.CONN_RESP ? "dst" : null;
        if (ref == null) {
            return false;
        }
        return property.equals("value") ? key.equals("network-traffic:" + ref + "_ref.value") : key.equals("network-traffic:" + ref + "_port");
    }

    private static ObservationType typeOf(String kind, String raw) {
        return switch (kind) {
            case "IP" -> Values.addressType(raw);
            case "HOST" -> {
                ObservationType t = Values.addressType(Observe.stripPort(raw));
                yield t != null ? t : ObservationType.DOMAIN;
            }
            default -> ObservationType.valueOf(kind);
        };
    }

    /** The plain object-path key of the STIX property an observation type stands for, or null. */
    static String stixKey(ObservationType type) {
        return switch (type) {
            case DOMAIN -> "domain-name:value";
            case IPV4 -> "ipv4-addr:value";
            case IPV6 -> "ipv6-addr:value";
            case URL -> "url:value";
            case EMAIL -> "email-addr:value";
            case MD5 -> "file:hashes.MD5";
            case SHA1 -> "file:hashes.SHA-1";
            case SHA256 -> "file:hashes.SHA-256";
            case FILE_NAME -> "file:name";
            case X509_SERIAL -> "x509-certificate:serial_number";
            case X509_SHA1 -> "x509-certificate:hashes.SHA-1";
            case X509_SHA256 -> "x509-certificate:hashes.SHA-256";
            case USER_AGENT -> "network-traffic:extensions.http-request-ext.request_header.User-Agent";
            case JA3, JA3S -> null;
        };
    }
}
