package org.threatledger.match;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.TreeSet;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;

/**
 * The matching semantics written as plainly as possible, for property tests: a scan of every
 * entry with String equality, {@code endsWith("." + d)}, and BigInteger CIDR arithmetic.
 * Ordinals are positions in the entry list, as in {@link IndicatorSet}.
 */
final class ReferenceMatcher {
    private final List<IocEntry> entries;

    ReferenceMatcher(List<IocEntry> entries) {
        this.entries = List.copyOf(entries);
    }

    TreeSet<Integer> lookup(Observation o) {
        TreeSet<Integer> hits = new TreeSet<>();
        int longest = longestPrefix(o);
        for (int i = 0; i < entries.size(); i++) {
            if (matches(entries.get(i), o, longest)) {
                hits.add(i);
            }
        }
        return hits;
    }

    private boolean matches(IocEntry e, Observation o, int longest) {
        String v = o.value();
        return switch (e.type()) {
            case DOMAIN -> o.type() == ObservationType.DOMAIN
                    && (v.equals(e.value()) || (e.subdomains() && v.endsWith("." + e.value())));
            case IPV4 -> o.type() == ObservationType.IPV4 && v.equals(e.value());
            case IPV6 -> o.type() == ObservationType.IPV6 && v.equals(e.value());
            case IP_PORT -> (o.type() == ObservationType.IPV4 || o.type() == ObservationType.IPV6)
                    && v.equals(e.value()) && o.port() == e.port() && o.where() != Where.CONN_ORIG;
            case CIDR4, CIDR6 -> longest >= 0 && prefix(e) == longest && contains(e, o);
            case URL -> o.type() == ObservationType.URL && urlMatches(e.value(), v);
            case EMAIL -> o.type() == ObservationType.EMAIL && v.equals(e.value());
            case MD5 -> o.type() == ObservationType.MD5 && v.equals(e.value());
            case SHA1 -> o.type() == ObservationType.SHA1 && v.equals(e.value());
            case SHA256 -> o.type() == ObservationType.SHA256 && v.equals(e.value());
        };
    }

    private static boolean urlMatches(String entry, String url) {
        int sep = url.indexOf("://");
        String rest = sep >= 0 ? url.substring(sep + 3) : url;
        int slash = firstOf(rest, "/?#");
        String path = slash >= 0 && rest.charAt(slash) == '/' ? rest.substring(slash) : null;
        if (entry.contains("://")) {
            boolean bareSlash = "/".equals(path);
            return url.equals(entry) || (bareSlash && url.substring(0, url.length() - 1).equals(entry));
        }
        if (entry.startsWith("/")) {
            return path != null && (path.equals(entry) || path.split("\\?", 2)[0].equals(entry));
        }
        return rest.equals(entry) || rest.split("\\?", 2)[0].equals(entry);
    }

    private static int firstOf(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private int longestPrefix(Observation o) {
        int best = -1;
        for (IocEntry e : entries) {
            if ((e.type() == IocType.CIDR4 || e.type() == IocType.CIDR6) && contains(e, o)) {
                best = Math.max(best, prefix(e));
            }
        }
        return best;
    }

    private static int prefix(IocEntry e) {
        return Integer.parseInt(e.value().substring(e.value().indexOf('/') + 1));
    }

    private static boolean contains(IocEntry cidr, Observation o) {
        boolean v4 = cidr.type() == IocType.CIDR4;
        if (o.type() != (v4 ? ObservationType.IPV4 : ObservationType.IPV6)) {
            return false;
        }
        int bits = v4 ? 32 : 128;
        int prefix = prefix(cidr);
        BigInteger network = number(cidr.value().substring(0, cidr.value().indexOf('/')));
        BigInteger address = number(o.value());
        return address.shiftRight(bits - prefix).equals(network.shiftRight(bits - prefix));
    }

    /** An address literal as a number (InetAddress parses literals without any lookup). */
    static BigInteger number(String literal) {
        try {
            byte[] bytes = InetAddress.getByName(literal).getAddress();
            BigInteger n = new BigInteger(1, bytes);
            // Java answers an IPv4-mapped IPv6 literal with an IPv4 address
            return literal.indexOf(':') >= 0 && bytes.length == 4 ? n.or(BigInteger.valueOf(0xffffL).shiftLeft(32)) : n;
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
