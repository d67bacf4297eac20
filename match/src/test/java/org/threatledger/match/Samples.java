package org.threatledger.match;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.util.List;
import org.quicktheories.core.Gen;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;

/**
 * Small value pools for property tests, chosen so random sets and observations collide often and
 * hit the edges: {@code xevil.com} next to {@code evil.com}, a trailing dot, /0, /32 and /128,
 * nested CIDRs, {@code ip:port} next to the bare ip, one value in several lists.
 */
final class Samples {
    static final List<String> DOMAINS = List.of("evil.com", "a.evil.com", "b.a.evil.com", "xevil.com",
            "evil.co", "com.evil.com", "evil.net", "a.evil.net", "x-y.evil.com", "c.b.a.evil.com");
    static final List<String> OBSERVED_DOMAINS = concat(DOMAINS, List.of("evil.com.", "z.xevil.com",
            "aevil.com", "evil.comx", ".evil.com", "com", "a..evil.com"));
    static final List<String> IPV4 = List.of("10.0.0.1", "10.0.0.2", "10.1.2.3", "192.168.1.1",
            "204.79.197.200", "0.0.0.0", "255.255.255.255", "10.0.0.0", "10.0.0.255");
    static final List<String> CIDR4 = List.of("0.0.0.0/0", "10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/24",
            "10.0.0.0/31", "10.0.0.1/32", "10.1.0.0/16", "192.168.1.0/24", "204.79.197.200/32",
            "204.79.197.0/24", "255.255.255.255/32", "128.0.0.0/1");
    static final List<String> IPV6 = List.of("::", "::1", "2001:db8::1", "2001:db8::", "2001:db8:1::1",
            "fe80::1", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8:0:0:1::1", "::ffff:10.0.0.1");
    static final List<String> CIDR6 = List.of("::/0", "2001:db8::/32", "2001:db8::/48", "2001:db8::/64",
            "2001:db8::/127", "2001:db8::1/128", "2001:db8:1::/48", "fe80::/64",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "8000::/1", "::ffff:0.0.0.0/96");
    static final List<Integer> PORTS = List.of(443, 8443, 80);
    static final List<String> URLS = List.of("http://evil.com", "http://evil.com/", "https://evil.com/gate.php",
            "http://evil.com/gate.php?id=1", "http://a.evil.com/a/b", "evil.com/gate.php", "evil.com/gate.php?id=1",
            "a.evil.com/a/b", "/gate.php", "/gate.php?id=1", "/a/b", "http://10.0.0.1:8080/x");
    static final List<String> OBSERVED_URLS = List.of("http://evil.com/", "http://evil.com/gate.php",
            "https://evil.com/gate.php", "http://evil.com/gate.php?id=1", "http://evil.com/gate.php?id=2",
            "http://a.evil.com/a/b", "http://a.evil.com/a/b?c", "http://x.com/gate.php", "http://x.com/a/b/c",
            "http://evil.com", "http://evil.com/?q", "http://10.0.0.1:8080/x", "http://x.com/gate.php#f");
    static final List<String> HASHES = List.of("d41d8cd98f00b204e9800998ecf8427e", "0cc175b9c0f1b6a831c399e269772661",
            "da39a3ee5e6b4b0d3255bfef95601890afd80709");
    static final List<String> LISTS = List.of("x-threatledger-ioc-list--00000000-0000-5000-8000-000000000001",
            "x-threatledger-ioc-list--00000000-0000-5000-8000-000000000002");

    private Samples() {}

    static <T> List<T> concat(List<T> a, List<T> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    static <T> Gen<T> pick(List<T> values) {
        return integers().between(0, values.size() - 1).map(values::get);
    }

    /** A random list entry (values in normal form, as the importers give them). */
    static Gen<IocEntry> entry() {
        Gen<IocType> type = pick(List.of(IocType.values()));
        Gen<Integer> index = integers().between(0, 1000);
        Gen<Boolean> flag = integers().between(0, 1).map(i -> i == 1);
        return type.zip(index, index, flag, (t, i, j, sub) -> entry(t, i, j, sub));
    }

    private static IocEntry entry(IocType t, int i, int j, boolean sub) {
        String list = LISTS.get(j % LISTS.size());
        int port = -1;
        String value = switch (t) {
            case DOMAIN -> DOMAINS.get(i % DOMAINS.size());
            case IPV4 -> IPV4.get(i % IPV4.size());
            case IPV6 -> IpNormal.v6(IPV6.get(i % IPV6.size()));
            case CIDR4 -> CIDR4.get(i % CIDR4.size());
            case CIDR6 -> CIDR6.get(i % CIDR6.size());
            case IP_PORT -> {
                port = PORTS.get(j % PORTS.size());
                yield i % 3 == 0 ? IpNormal.v6(IPV6.get(i % IPV6.size())) : IPV4.get(i % IPV4.size());
            }
            case URL -> URLS.get(i % URLS.size());
            case EMAIL -> i % 2 == 0 ? "a@evil.com" : "b@evil.com";
            case MD5 -> HASHES.get(i % 2);
            case SHA1 -> HASHES.get(2);
            case SHA256 -> "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        };
        return new IocEntry(list, t, value, port, sub && t == IocType.DOMAIN, null, null, i);
    }

    /** A random observation, mostly of the types and values the entries use. */
    static Gen<Observation> observation() {
        Gen<Integer> index = integers().between(0, 1000);
        Gen<Where> where = pick(List.of(Where.CONN_RESP, Where.CONN_ORIG, Where.DNS_ANSWER, Where.DNS_QUERY));
        return index.zip(index, where, (i, j, w) -> observation(i, j, w));
    }

    private static Observation observation(int i, int j, Where where) {
        int kind = j % 7;
        ObservationType type;
        String value;
        int port = -1;
        switch (kind) {
            case 0, 1 -> { type = ObservationType.DOMAIN; value = OBSERVED_DOMAINS.get(i % OBSERVED_DOMAINS.size()); }
            case 2 -> {
                type = ObservationType.IPV4;
                value = IPV4.get(i % IPV4.size());
                port = i % 4 == 3 ? -1 : PORTS.get(i % 3);
            }
            case 3 -> {
                type = ObservationType.IPV6;
                value = IpNormal.v6(IPV6.get(i % IPV6.size()));
                port = i % 4 == 3 ? -1 : PORTS.get(i % 3);
            }
            case 4 -> { type = ObservationType.URL; value = OBSERVED_URLS.get(i % OBSERVED_URLS.size()); }
            case 5 -> { type = i % 2 == 0 ? ObservationType.MD5 : ObservationType.SHA1; value = HASHES.get(i % 3); }
            default -> { type = ObservationType.EMAIL; value = i % 3 == 0 ? "c@evil.com" : "a@evil.com"; }
        }
        return new Observation(type, value, port, 0, where, "s", "f", 1, null, null);
    }

    static Gen<List<IocEntry>> entries() {
        return lists().of(entry()).ofSizeBetween(0, 25);
    }

    static Gen<List<Observation>> observations() {
        return lists().of(observation()).ofSizeBetween(1, 40);
    }

    /** Canonical text via the product's own normaliser. */
    static final class IpNormal {
        static String v6(String raw) {
            return IocValue.of(IocType.IPV6, raw).value();
        }
    }
}
