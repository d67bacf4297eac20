package org.threatledger.exports;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import org.threatledger.pattern.ComparisonExpression;
import org.threatledger.pattern.ComparisonExpression.Comparison;
import org.threatledger.pattern.Literal;
import org.threatledger.pattern.ObjectPath;
import org.threatledger.pattern.ObservationExpression;
import org.threatledger.pattern.Operator;
import org.threatledger.pattern.PathStep;
import org.threatledger.pattern.Pattern;
import org.threatledger.pattern.PatternException;
import org.threatledger.pattern.PatternParser;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;
import org.threatledger.stix.StixException;

/**
 * The atomic values of a STIX pattern, when it is a simple one: sensors match single values, not
 * pattern logic. Simple means a single observation (or an OR of them) holding an OR of
 * {@code =}/{@code IN} comparisons on known value paths, an {@code ISSUBSET} on an address, the
 * {@code ip:port} form {@code [network-traffic:dst_ref.value = 'a' AND network-traffic:dst_port = n]},
 * and the subdomain form {@code domain-name:value LIKE '%.x'} (with {@code = 'x'} beside it: the
 * domain and its subdomains; alone: the subdomains only). Anything else (qualifiers, AND of
 * observations, negation, other operators) cannot be said as values and is skipped with its reason.
 * Values are normalised here, once, through {@link IocValue#of}.
 */
final class PatternValues {
    private static final Map<String, ValueKind> PATHS = Map.ofEntries(
            Map.entry("ipv4-addr:value", ValueKind.IPV4),
            Map.entry("ipv6-addr:value", ValueKind.IPV6),
            Map.entry("domain-name:value", ValueKind.DOMAIN),
            Map.entry("url:value", ValueKind.URL),
            Map.entry("email-addr:value", ValueKind.EMAIL),
            Map.entry("email-message:from_ref.value", ValueKind.EMAIL),
            Map.entry("file:hashes.md5", ValueKind.MD5),
            Map.entry("file:hashes.sha-1", ValueKind.SHA1),
            Map.entry("file:hashes.sha1", ValueKind.SHA1),
            Map.entry("file:hashes.sha-256", ValueKind.SHA256),
            Map.entry("file:hashes.sha256", ValueKind.SHA256),
            Map.entry("file:name", ValueKind.FILE_NAME),
            Map.entry("x509-certificate:hashes.sha-1", ValueKind.CERT_SHA1),
            Map.entry("x509-certificate:hashes.sha1", ValueKind.CERT_SHA1));

    /** One value of a pattern. */
    record Atom(ValueKind kind, String value, int port, boolean subdomains) { }

    /** The values of a pattern, or why it has none. */
    record Result(List<Atom> atoms, String skipReason) {
        static Result skip(String reason) {
            return new Result(List.of(), reason);
        }
    }

    private PatternValues() {}

    /** The values of a STIX pattern text. */
    static Result of(String patternText) {
        Pattern pattern;
        try {
            pattern = PatternParser.parse(patternText);
        } catch (PatternException e) {
            return Result.skip("pattern does not parse");
        }
        List<Comparison> equalities = new ArrayList<>();
        List<Atom> atoms = new ArrayList<>();
        String why = observation(pattern.expression(), equalities, atoms);
        if (why != null) {
            return Result.skip(why);
        }
        try {
            atoms.addAll(fromComparisons(equalities));
        } catch (NotAValue e) {
            return Result.skip(e.getMessage());
        } catch (StixException e) {
            return Result.skip("value is not what its type says");
        }
        return atoms.isEmpty() ? Result.skip("pattern has no value a sensor can match") : new Result(atoms, null);
    }

    private static String observation(ObservationExpression e, List<Comparison> out, List<Atom> atoms) {
        return switch (e) {
            case ObservationExpression.Observation o -> comparison(o.comparison(), out, atoms);
            case ObservationExpression.Or or -> {
                for (ObservationExpression operand : or.operands()) {
                    String why = observation(operand, out, atoms);
                    if (why != null) {
                        yield why;
                    }
                }
                yield null;
            }
            case ObservationExpression.Qualified q -> "pattern has a qualifier (" + q.qualifier() + ")";
            case ObservationExpression.And and -> "pattern needs several observations (AND)";
            case ObservationExpression.FollowedBy f -> "pattern needs a sequence of observations (FOLLOWEDBY)";
        };
    }

    private static String comparison(ComparisonExpression e, List<Comparison> out, List<Atom> atoms) {
        return switch (e) {
            case Comparison c -> {
                if (c.negated() || c.operator() != Operator.EQUAL && c.operator() != Operator.IN
                        && c.operator() != Operator.IS_SUBSET && c.operator() != Operator.LIKE) {
                    yield "pattern compares with " + (c.negated() ? "NOT " : "") + c.operator().symbol();
                }
                out.add(c);
                yield null;
            }
            case ComparisonExpression.Or or -> {
                for (ComparisonExpression operand : or.operands()) {
                    String why = comparison(operand, out, atoms);
                    if (why != null) {
                        yield why;
                    }
                }
                yield null;
            }
            case ComparisonExpression.And and -> ipPort(and, atoms);
            case ComparisonExpression.Exists x -> "pattern tests EXISTS";
        };
    }

    /** {@code dst_ref.value = 'a' AND dst_port = n}, in either order; anything else is not a value. */
    private static String ipPort(ComparisonExpression.And and, List<Atom> atoms) {
        String address = null;
        long port = -1;
        for (ComparisonExpression operand : and.operands()) {
            if (operand instanceof Comparison c && !c.negated() && c.operator() == Operator.EQUAL) {
                String path = key(c.path());
                if (path.equals("network-traffic:dst_ref.value") && c.value() instanceof Literal.StringLiteral s) {
                    address = s.value();
                    continue;
                }
                if (path.equals("network-traffic:dst_port") && c.value() instanceof Literal.IntegerLiteral n) {
                    port = n.value();
                    continue;
                }
            }
            return "pattern combines comparisons with AND";
        }
        if (address == null || port < 1 || port > 65535) {
            return "pattern combines comparisons with AND";
        }
        try {
            IocValue v = IocValue.parse(address.indexOf(':') >= 0 ? "[" + address + "]:" + port : address + ":" + port);
            if (v.type() != IocType.IP_PORT) {
                return "value is not what its type says";
            }
            atoms.add(new Atom(ValueKind.IP_PORT, v.value(), v.port(), false));
            return null;
        } catch (StixException | IllegalArgumentException e) {
            return "value is not what its type says";
        }
    }

    /** Equalities become values; a {@code LIKE '%.x'} joins the equality on {@code x} as "with subdomains". */
    private static List<Atom> fromComparisons(List<Comparison> comparisons) {
        Map<String, Atom> out = new LinkedHashMap<>();
        List<String> wildcards = new ArrayList<>();
        for (Comparison c : comparisons) {
            ValueKind kind = PATHS.get(key(c.path()));
            if (kind == null) {
                throw new NotAValue("pattern compares " + c.path().objectType() + " properties sensors do not match");
            }
            switch (c.operator()) {
                case LIKE -> wildcards.add(subdomainsOf(kind, c.value()));
                case IS_SUBSET -> {
                    ValueKind cidr = kind == ValueKind.IPV4 ? ValueKind.CIDR4 : ValueKind.CIDR6;
                    if (kind != ValueKind.IPV4 && kind != ValueKind.IPV6) {
                        throw new NotAValue("pattern uses ISSUBSET on a non-address");
                    }
                    add(out, cidr, string(c.value()), false);
                }
                case IN -> {
                    for (Literal element : ((Literal.SetLiteral) c.value()).elements()) {
                        add(out, kind, string(element), false);
                    }
                }
                default -> add(out, kind, string(c.value()), false);
            }
        }
        for (String domain : wildcards) {
            IocValue v = IocValue.of(IocType.DOMAIN, domain);
            String key = ValueKind.DOMAIN + " " + v.value();
            Atom exact = out.get(key);
            out.put(key, exact != null ? new Atom(ValueKind.DOMAIN, v.value(), -1, true)
                    : new Atom(ValueKind.SUBDOMAINS_OF, v.value(), -1, true));
        }
        return List.copyOf(out.values());
    }

    private static String subdomainsOf(ValueKind kind, Literal value) {
        String like = string(value);
        if (kind != ValueKind.DOMAIN || !like.startsWith("%.") || like.indexOf('%', 1) >= 0 || like.indexOf('_') >= 0) {
            throw new NotAValue("pattern uses LIKE other than a subdomain wildcard");
        }
        return like.substring(2);
    }

    private static void add(Map<String, Atom> out, ValueKind kind, String raw, boolean subdomains) {
        ValueKind k = kind;
        if (kind == ValueKind.IPV4 && raw.contains("/")) {
            k = ValueKind.CIDR4;
        } else if (kind == ValueKind.IPV6 && raw.contains("/")) {
            k = ValueKind.CIDR6;
        }
        String value = k.iocType() == null ? raw : IocValue.of(k.iocType(), raw).value();
        out.putIfAbsent(k + " " + value, new Atom(k, value, -1, subdomains));
    }

    private static String string(Literal value) {
        if (value instanceof Literal.StringLiteral s) {
            return s.value();
        }
        throw new NotAValue("pattern compares with a non-string constant");
    }

    /** A comparison that is no atomic value; the message is the skip reason. */
    private static final class NotAValue extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotAValue(String reason) {
            super(reason, null, false, false);
        }
    }

    /** {@code file:hashes.sha-256}: the path's type and keys, lower case, unquoted. */
    static String key(ObjectPath path) {
        StringJoiner j = new StringJoiner(".", path.objectType() + ":", "");
        for (PathStep step : path.steps()) {
            if (!(step instanceof PathStep.Key k)) {
                return path.toString();
            }
            j.add(k.name().toLowerCase(Locale.ROOT));
        }
        return j.toString();
    }
}
