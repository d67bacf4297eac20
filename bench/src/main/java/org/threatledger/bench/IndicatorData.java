package org.threatledger.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.threatledger.match.Observation;
import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;

/**
 * Deterministic synthetic intel and telemetry for the matcher benchmarks: maltrail-like domain
 * indicators (random pronounceable labels, common and abused TLDs, half with subdomain
 * semantics), and DNS queries skewed like real traffic: a few popular benign names most of the
 * time, a long tail, and a configurable share of hits (exact names and subdomains of indicators).
 */
final class IndicatorData {
    static final String LIST = "x-threatledger-ioc-list--6b1c4a52-7a51-5c55-9b54-3b1f2a8c0001";
    private static final String[] TLDS = {"com", "net", "org", "info", "ru", "cn", "top", "xyz", "biz", "co.uk"};
    private static final String[] SUBS = {"www", "mail", "api", "cdn", "login", "update", "m", "static"};
    private static final String CONSONANTS = "bcdfghjklmnprstvwz";
    private static final String VOWELS = "aeiou";

    private IndicatorData() {}

    static String label(SplittableRandom r, int min, int max) {
        int n = r.nextInt(min, max + 1);
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            String from = (i & 1) == 0 ? CONSONANTS : VOWELS;
            sb.append(from.charAt(r.nextInt(from.length())));
        }
        if (r.nextInt(4) == 0) {
            sb.append(r.nextInt(100));
        }
        return sb.toString();
    }

    static String domain(SplittableRandom r) {
        String base = label(r, 5, 12) + "." + TLDS[r.nextInt(TLDS.length)];
        return r.nextInt(3) == 0 ? label(r, 2, 8) + "." + base : base;
    }

    /** {@code count} distinct domain entries of one list. */
    static List<IocEntry> domains(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        java.util.Set<String> seen = new java.util.HashSet<>(count * 2);
        List<IocEntry> entries = new ArrayList<>(count);
        while (entries.size() < count) {
            String d = domain(r);
            if (seen.add(d)) {
                entries.add(new IocEntry(LIST, IocType.DOMAIN, d, -1, r.nextBoolean(), null, null, entries.size() + 1));
            }
        }
        return entries;
    }

    /** Whether the name or one of its parents is an indicator: benign names must miss. */
    private static boolean touches(java.util.Set<String> known, String name) {
        for (int dot = -1; dot >= -1 && dot < name.length(); dot = name.indexOf('.', dot + 1)) {
            if (known.contains(name.substring(dot + 1))) {
                return true;
            }
            if (name.indexOf('.', dot + 1) < 0) {
                return false;
            }
        }
        return false;
    }

    /** {@code count} CIDR entries, /8 to /32, network form. */
    static List<IocEntry> cidrs(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<IocEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int prefix = 8 + r.nextInt(25);
            long address = r.nextLong(1L << 32) & (0xffffffffL << (32 - prefix)) & 0xffffffffL;
            String cidr = (address >>> 24) + "." + ((address >>> 16) & 255) + "." + ((address >>> 8) & 255) + "."
                    + (address & 255) + "/" + prefix;
            entries.add(new IocEntry(LIST, IocType.CIDR4, cidr, -1, false, null, null, i + 1));
        }
        return entries;
    }

    /** {@code count} sha256 entries. */
    static List<IocEntry> hashes(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<IocEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String h = String.format("%016x%016x%016x%016x", r.nextLong(), r.nextLong(), r.nextLong(), r.nextLong());
            entries.add(new IocEntry(LIST, IocType.SHA256, h, -1, false, null, null, i + 1));
        }
        return entries;
    }

    /**
     * {@code count} DNS-query observations: {@code hitRate} of them an indicator (a third of those
     * a subdomain of one), the rest benign names drawn with a heavy skew from 20,000 names.
     */
    static Observation[] queries(List<IocEntry> indicators, int count, double hitRate, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        java.util.Set<String> known = new java.util.HashSet<>();
        indicators.forEach(e -> known.add(e.value()));
        String[] benign = new String[20_000];
        for (int i = 0; i < benign.length; i++) {
            String name;
            do {
                name = r.nextInt(2) == 0 ? SUBS[r.nextInt(SUBS.length)] + "." + domain(r) : domain(r);
            } while (touches(known, name));
            benign[i] = name;
        }
        Observation[] out = new Observation[count];
        for (int i = 0; i < count; i++) {
            String name;
            if (r.nextDouble() < hitRate) {
                IocEntry e = indicators.get(r.nextInt(indicators.size()));
                name = e.subdomains() && r.nextInt(3) == 0 ? SUBS[r.nextInt(SUBS.length)] + "." + e.value() : e.value();
            } else {
                double u = r.nextDouble();
                name = benign[(int) (benign.length * u * u * u)];
            }
            out[i] = new Observation(ObservationType.DOMAIN, name, -1, i, Where.DNS_QUERY, "bench", "dns.log", i + 1, null, null);
        }
        return out;
    }
}
