package org.threatledger.match;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.threatledger.pattern.Anchor;
import org.threatledger.pattern.CompiledPattern;
import org.threatledger.pattern.ComparisonExpression;
import org.threatledger.pattern.Literal;
import org.threatledger.pattern.ObjectPath;
import org.threatledger.pattern.ObservationExpression;
import org.threatledger.pattern.Operator;
import org.threatledger.pattern.Pattern;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;
import org.threatledger.stix.StixException;

/**
 * Turns a STIX pattern into index keys.
 *
 * <p>A pattern is <em>simple</em>, and matched by the index alone, when it is one observation
 * expression (or an OR of them, without qualifiers) whose comparisons are ORs of: {@code =} or
 * {@code IN} on a path the index knows, {@code ISSUBSET} on an address, {@code domain-name:value
 * LIKE '%.x'} (subdomains of {@code x}, as {@code IocIndicators} exports a maltrail trail), and
 * {@code dst_ref.value = ip AND dst_port = n} (an {@code ip:port}). Values are normalised as at
 * ingest ({@link IocValue}): observations are normalised too, so {@code 'EVIL.com'} means
 * {@code evil.com}. Anything else is a <em>candidate</em> pattern, indexed by its anchors
 * ({@link Anchors}) for full evaluation elsewhere.
 */
final class PatternKeys {
    /** pseudo kinds of {@link Key}: an address block, or an object type to evaluate on every observation of it */
    static final int RANGE4 = 64;
    static final int RANGE6 = 65;
    static final int TYPE_ONLY = 66;

    /** One key: an exact-index kind with value and port, a range ({@code value} is the CIDR), or a type. */
    record Key(int kind, String value, int port, int flags) {}

    private PatternKeys() {}

    /** The keys of a simple pattern (merged per value), or null when the pattern needs full evaluation. */
    static List<Key> simple(Pattern pattern) {
        List<Key> keys = observation(pattern.expression());
        if (keys == null) {
            return null;
        }
        Map<Key, Integer> merged = new LinkedHashMap<>();
        for (Key k : keys) {
            merged.merge(new Key(k.kind(), k.value(), k.port(), 0), k.flags(), (a, b) -> a | b);
        }
        List<Key> out = new ArrayList<>();
        merged.forEach((k, flags) -> out.add(new Key(k.kind(), k.value(), k.port(), flags)));
        return out;
    }

    /**
     * The candidate keys of a pattern: one per anchor ({@code kind + CANDIDATE}, a range, or a type).
     * The anchors are those of every {@code [...]} ({@code streamAnchors}), not only the most
     * selective side: a stream matcher must be fed the records of {@code B} in {@code [A] FOLLOWEDBY [B]}.
     */
    static List<Key> candidates(Pattern pattern) {
        List<Key> keys = new ArrayList<>();
        for (Anchor anchor : CompiledPattern.compile(pattern).streamAnchors()) {
            Key key = switch (anchor) {
                case Anchor.Equality e -> candidateEquality(e);
                case Anchor.Subnet s -> range(s.path(), s.cidr(), 0);
                case Anchor.TypeOnly t -> null;
            };
            keys.add(key != null ? key : new Key(TYPE_ONLY, anchor.objectType(), -1, 0));
        }
        return keys;
    }

    private static Key candidateEquality(Anchor.Equality e) {
        if (!(e.value() instanceof Literal.StringLiteral s)) {
            return null;
        }
        Key k = equality(e.path(), s.value(), ExactIndex.EXACT);
        if (k == null) {
            return null;
        }
        int kind = switch (k.kind()) {
            case Kind.IPV4_DST, Kind.IPV4_SRC -> Kind.IPV4;
            case Kind.IPV6_DST, Kind.IPV6_SRC -> Kind.IPV6;
            case Kind.URL_HOST_PATH, Kind.URL_PATH -> Kind.URL;
            default -> k.kind();
        };
        return new Key(kind + Kind.CANDIDATE, k.value(), -1, ExactIndex.EXACT);
    }

    private static List<Key> observation(ObservationExpression e) {
        if (e instanceof ObservationExpression.Observation o) {
            return comparison(o.comparison());
        }
        if (e instanceof ObservationExpression.Or or) {
            return all(or.operands().stream().map(PatternKeys::observation).toList());
        }
        return null;
    }

    private static List<Key> comparison(ComparisonExpression e) {
        return switch (e) {
            case ComparisonExpression.Or or -> all(or.operands().stream().map(PatternKeys::comparison).toList());
            case ComparisonExpression.And and -> ipPort(and);
            case ComparisonExpression.Exists x -> null;
            case ComparisonExpression.Comparison c -> c.negated() ? null : single(c);
        };
    }

    private static List<Key> all(List<List<Key>> sides) {
        List<Key> out = new ArrayList<>();
        for (List<Key> side : sides) {
            if (side == null) {
                return null;
            }
            out.addAll(side);
        }
        return out;
    }

    private static List<Key> single(ComparisonExpression.Comparison c) {
        if (c.operator() == Operator.EQUAL && c.value() instanceof Literal.StringLiteral s) {
            Key k = equality(c.path(), s.value(), ExactIndex.EXACT);
            return k == null ? null : List.of(k);
        }
        if (c.operator() == Operator.IN && c.value() instanceof Literal.SetLiteral set) {
            List<Key> out = new ArrayList<>();
            for (Literal element : set.elements()) {
                Key k = element instanceof Literal.StringLiteral s ? equality(c.path(), s.value(), ExactIndex.EXACT) : null;
                if (k == null) {
                    return null;
                }
                out.add(k);
            }
            return out;
        }
        String path = c.path().toString();
        if (c.operator() == Operator.IS_SUBSET && c.value() instanceof Literal.StringLiteral s
                && (path.equals("ipv4-addr:value") || path.equals("ipv6-addr:value"))) {
            Key k = range(c.path(), s.value(), 0);
            return k == null ? null : List.of(k);
        }
        if (c.operator() == Operator.LIKE && c.value() instanceof Literal.StringLiteral s
                && path.equals("domain-name:value")) {
            return subdomainsLike(s.value());
        }
        return null;
    }

    /** {@code LIKE '%.evil.com'}: the subdomains of a domain; a {@code _} or second {@code %} is a real wildcard. */
    private static List<Key> subdomainsLike(String like) {
        if (!like.startsWith("%.")) {
            return null;
        }
        String parent = like.substring(2);
        if (parent.indexOf('%') >= 0 || parent.indexOf('_') >= 0 || parent.indexOf('.') < 0) {
            return null;
        }
        String domain = normalise(IocType.DOMAIN, parent);
        return domain == null ? null : List.of(new Key(Kind.DOMAIN, domain, -1, ExactIndex.SUBDOMAINS));
    }

    /** {@code network-traffic:dst_ref.value = 'ip' AND network-traffic:dst_port = n}, in either order. */
    private static List<Key> ipPort(ComparisonExpression.And and) {
        if (and.operands().size() != 2) {
            return null;
        }
        String ip = null;
        long port = -1;
        for (ComparisonExpression operand : and.operands()) {
            if (!(operand instanceof ComparisonExpression.Comparison c) || c.negated() || c.operator() != Operator.EQUAL) {
                return null;
            }
            String path = c.path().toString();
            if (path.equals("network-traffic:dst_ref.value") && c.value() instanceof Literal.StringLiteral s) {
                ip = s.value();
            } else if (path.equals("network-traffic:dst_port") && c.value() instanceof Literal.IntegerLiteral n) {
                port = n.value();
            }
        }
        if (ip == null || port < 1 || port > 65535) {
            return null;
        }
        IocValue v = IocValue.detect(ip).orElse(null);
        if (v == null || (v.type() != IocType.IPV4 && v.type() != IocType.IPV6)) {
            return null;
        }
        int kind = v.type() == IocType.IPV4 ? Kind.IPV4_PORT : Kind.IPV6_PORT;
        return List.of(new Key(kind, v.value(), (int) port, ExactIndex.EXACT));
    }

    /** The exact key for {@code path = value}, or null when the path is not indexed or the value not of its kind. */
    static Key equality(ObjectPath path, String value, int flags) {
        String p = path.toString();
        String v;
        int kind;
        switch (p) {
            case "domain-name:value" -> { kind = Kind.DOMAIN; v = normalise(IocType.DOMAIN, value); }
            case "ipv4-addr:value" -> { kind = Kind.IPV4; v = normalise(IocType.IPV4, value); }
            case "ipv6-addr:value" -> { kind = Kind.IPV6; v = normalise(IocType.IPV6, value); }
            case "email-addr:value" -> { kind = Kind.EMAIL; v = normalise(IocType.EMAIL, value); }
            case "file:hashes.MD5" -> { kind = Kind.MD5; v = normalise(IocType.MD5, value); }
            case "file:hashes.'SHA-1'" -> { kind = Kind.SHA1; v = normalise(IocType.SHA1, value); }
            case "file:hashes.'SHA-256'" -> { kind = Kind.SHA256; v = normalise(IocType.SHA256, value); }
            case "file:name" -> { kind = Kind.FILE_NAME; v = value; }
            case "x509-certificate:serial_number" -> { kind = Kind.X509_SERIAL; v = hex(value); }
            case "x509-certificate:hashes.'SHA-1'" -> { kind = Kind.X509_SHA1; v = hex(value); }
            case "x509-certificate:hashes.'SHA-256'" -> { kind = Kind.X509_SHA256; v = hex(value); }
            case "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'" -> {
                kind = Kind.USER_AGENT;
                v = value;
            }
            case "url:value" -> {
                v = normalise(IocType.URL, value);
                kind = v == null ? -1 : v.startsWith("/") ? Kind.URL_PATH : v.contains("://") ? Kind.URL : Kind.URL_HOST_PATH;
            }
            case "network-traffic:dst_ref.value", "network-traffic:src_ref.value" -> {
                IocValue ip = IocValue.detect(value).orElse(null);
                boolean v4 = ip != null && ip.type() == IocType.IPV4;
                boolean v6 = ip != null && ip.type() == IocType.IPV6;
                boolean dst = p.startsWith("network-traffic:dst");
                kind = v4 ? (dst ? Kind.IPV4_DST : Kind.IPV4_SRC) : v6 ? (dst ? Kind.IPV6_DST : Kind.IPV6_SRC) : -1;
                v = kind < 0 ? null : ip.value();
            }
            default -> { kind = -1; v = null; }
        }
        return v == null ? null : new Key(kind, v, -1, flags);
    }

    /** A range key for {@code path ISSUBSET cidr} on an address path, or null. */
    private static Key range(ObjectPath path, String cidr, int flags) {
        String p = path.toString();
        boolean addressPath = p.equals("ipv4-addr:value") || p.equals("ipv6-addr:value")
                || p.equals("network-traffic:dst_ref.value") || p.equals("network-traffic:src_ref.value");
        if (!addressPath) {
            return null;
        }
        int slash = cidr.indexOf('/');
        String address = slash < 0 ? cidr : cidr.substring(0, slash);
        int max = address.indexOf(':') >= 0 ? 128 : 32;
        int prefix = slash < 0 ? max : prefixLength(cidr.substring(slash + 1), max);
        boolean valid = max == 32 ? IpText.ipv4(address, 0, address.length()) >= 0 : IpText.ipv6(address, IpText.VALID) == 1;
        if (prefix < 0 || !valid) {
            return null;
        }
        return new Key(max == 32 ? RANGE4 : RANGE6, address, prefix, flags);
    }

    private static int prefixLength(String text, int max) {
        if (text.isEmpty() || text.length() > 3 || !text.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return -1;
        }
        int n = Integer.parseInt(text);
        return n <= max ? n : -1;
    }

    private static String normalise(IocType type, String value) {
        try {
            IocValue v = IocValue.of(type, value);
            return v.type() == type ? v.value() : null;
        } catch (StixException e) {
            return null;
        }
    }

    /** Certificate serials and fingerprints: lower-case hex, separators ({@code :}, space) removed. */
    private static String hex(String value) {
        String h = value.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        return !h.isEmpty() && h.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 && ch < 0x80) ? h : null;
    }
}
