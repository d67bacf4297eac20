package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;
import org.threatledger.stix.StixException;

/**
 * MISP attribute types (MISP core format, "attribute types") to STIX pattern comparisons. Values
 * are normalised through {@link IocValue#of} where an {@link IocType} fits; a value that is not what
 * its type says fails with {@link IllegalArgumentException} naming it, and the attribute is rejected.
 * Composite types ({@code filename|md5}, {@code domain|ip}, {@code ip-dst|port}) give two comparisons
 * on one object, joined with AND. Types with no observable meaning here (text, datetime, float...)
 * give an empty result and are left to the caller.
 */
final class AttributeTypes {
    private static final Map<String, String> HASHES = Map.ofEntries(
            Map.entry("md5", "MD5"), Map.entry("sha1", "SHA-1"), Map.entry("sha224", "SHA-224"),
            Map.entry("sha256", "SHA-256"), Map.entry("sha384", "SHA-384"), Map.entry("sha512", "SHA-512"),
            Map.entry("ssdeep", "SSDEEP"), Map.entry("tlsh", "TLSH"));
    private static final Map<String, IocType> HASH_IOC = Map.of(
            "md5", IocType.MD5, "sha1", IocType.SHA1, "sha256", IocType.SHA256);
    private static final Map<String, Integer> HEX_LENGTH = Map.of("sha224", 56, "sha384", 96, "sha512", 128);

    private AttributeTypes() {}

    /** The comparisons for a value of a MISP type; empty when the type has no pattern form. */
    static Optional<List<Comparison>> comparisons(String type, String raw) {
        int bar = type.indexOf('|');
        if (bar > 0) {
            return composite(type.substring(0, bar), type.substring(bar + 1), raw);
        }
        return single(type, raw).map(List::of);
    }

    private static Optional<List<Comparison>> composite(String left, String right, String raw) {
        int bar = raw.indexOf('|');
        if (bar < 0) {
            throw new IllegalArgumentException("'" + raw + "' has no '|' between its " + left + " and " + right + " parts");
        }
        String a = raw.substring(0, bar);
        String b = raw.substring(bar + 1);
        List<Comparison> out = new ArrayList<>(2);
        switch (left + "|" + right) {
            case "domain|ip" -> {
                out.add(text("domain-name", "value", ioc(IocType.DOMAIN, a)));
                out.add(text("domain-name", "resolves_to_refs[*].value", ip(b).value()));
            }
            case "ip-dst|port", "ip-src|port" -> {
                String side = left.equals("ip-dst") ? "dst" : "src";
                out.add(text("network-traffic", side + "_ref.value", ip(a).value()));
                out.add(new Comparison("network-traffic", side + "_port", "=", IntNode.valueOf(port(b))));
            }
            case "regkey|value" -> {
                out.add(text("windows-registry-key", "key", a));
                out.add(text("windows-registry-key", "values[*].data", b));
            }
            default -> {
                if (!left.equals("filename") || single(right, b).isEmpty()) {
                    return Optional.empty();
                }
                out.add(text("file", "name", a));
                out.add(single(right, b).orElseThrow());
            }
        }
        return Optional.of(out);
    }

    private static Optional<Comparison> single(String type, String raw) {
        String v = raw.trim();
        if (HASHES.containsKey(type)) {
            return Optional.of(text("file", "hashes." + hashKey(HASHES.get(type)), hash(type, v)));
        }
        return Optional.ofNullable(switch (type) {
            case "ip-src", "ip-dst" -> ipComparison(v);
            case "domain", "hostname" -> text("domain-name", "value", ioc(IocType.DOMAIN, v));
            case "url", "uri" -> text("url", "value", ioc(IocType.URL, v));
            case "email", "email-src", "email-dst" -> text("email-addr", "value", ioc(IocType.EMAIL, v));
            case "filename" -> text("file", "name", v);
            case "size-in-bytes" -> new Comparison("file", "size", "=", LongNode.valueOf(number(v)));
            case "imphash" -> text("file", "extensions.'windows-pebinary-ext'.imphash", hex(v, 32));
            case "regkey" -> text("windows-registry-key", "key", v);
            case "mutex" -> text("mutex", "name", v);
            case "mac-address" -> text("mac-addr", "value", v.toLowerCase(Locale.ROOT));
            case "x509-fingerprint-md5" -> text("x509-certificate", "hashes.MD5", hex(v, 32));
            case "x509-fingerprint-sha1" -> text("x509-certificate", "hashes.'SHA-1'", hex(v, 40));
            case "x509-fingerprint-sha256" -> text("x509-certificate", "hashes.'SHA-256'", hex(v, 64));
            case "AS" -> new Comparison("autonomous-system", "number", "=", LongNode.valueOf(asNumber(v)));
            case "email-subject" -> text("email-message", "subject", raw);
            case "email-attachment" -> text("email-message", "body_multipart[*].body_raw_ref.name", v);
            default -> null;
        });
    }

    private static Comparison ipComparison(String v) {
        if (v.contains("/")) {
            boolean six = v.contains(":");
            IocValue c = IocValue.of(six ? IocType.CIDR6 : IocType.CIDR4, v);
            return new Comparison(six ? "ipv6-addr" : "ipv4-addr", "value", "ISSUBSET", TextNode.valueOf(c.value()));
        }
        IocValue ip = ip(v);
        return text(ip.type() == IocType.IPV6 ? "ipv6-addr" : "ipv4-addr", "value", ip.value());
    }

    private static IocValue ip(String v) {
        try {
            return IocValue.of(v.contains(":") ? IocType.IPV6 : IocType.IPV4, v.trim());
        } catch (StixException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String ioc(IocType type, String v) {
        try {
            return IocValue.of(type, v.trim()).value();
        } catch (StixException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static String hash(String type, String v) {
        IocType ioc = HASH_IOC.get(type);
        if (ioc != null) {
            return ioc(ioc, v);
        }
        Integer length = HEX_LENGTH.get(type);
        return length == null ? v : hex(v, length);
    }

    private static String hex(String v, int length) {
        String h = v.replace(":", "").toLowerCase(Locale.ROOT);
        if (h.length() != length || !h.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("'" + v + "' is not " + length + " hexadecimal digits");
        }
        return h;
    }

    private static int port(String v) {
        long p = number(v);
        if (p < 0 || p > 65535) {
            throw new IllegalArgumentException("'" + v + "' is not a port number");
        }
        return (int) p;
    }

    private static long asNumber(String v) {
        String digits = v.regionMatches(true, 0, "AS", 0, 2) ? v.substring(2) : v;
        return number(digits);
    }

    private static long number(String v) {
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + v + "' is not a whole number", e);
        }
    }

    private static String hashKey(String algorithm) {
        return algorithm.chars().allMatch(Character::isLetterOrDigit) ? algorithm : "'" + algorithm + "'";
    }

    private static Comparison text(String objectType, String path, String value) {
        return new Comparison(objectType, path, "=", TextNode.valueOf(value));
    }

    /** The pattern {@code [a AND b ...]} of comparisons on one object. */
    static String pattern(List<Comparison> comparisons) {
        StringBuilder sb = new StringBuilder("[");
        for (Comparison c : comparisons) {
            if (sb.length() > 1) {
                sb.append(" AND ");
            }
            sb.append(c.pattern());
        }
        return sb.append(']').toString();
    }
}
