package org.threatledger.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.threatledger.match.IndicatorSetPropertyTest.entry;
import static org.threatledger.match.IndicatorSetPropertyTest.list;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocIndicators;
import org.threatledger.stix.IocType;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

class IndicatorSetTest {
    private static final String LIST = Samples.LISTS.get(0);
    private static final String OTHER_LIST = Samples.LISTS.get(1);

    private static Observation obs(ObservationType type, String value) {
        return obs(type, value, -1, Where.FIELD);
    }

    private static Observation obs(ObservationType type, String value, int port, Where where) {
        return new Observation(type, value, port, 0, where, "s", "f", 1, null, null);
    }

    private static IndicatorSet entries(IocEntry... entries) {
        return IndicatorSet.compile(List.of(entries), List.of());
    }

    private static StixObject indicator(String id, String pattern) {
        var o = StixJson.object();
        o.put("type", "indicator");
        o.put("spec_version", "2.1");
        o.put("id", id);
        o.put("pattern", pattern);
        o.put("pattern_type", "stix");
        return StixObject.of(o);
    }

    private static IndicatorSet patterns(String... patterns) {
        List<StixObject> objects = new ArrayList<>();
        for (int i = 0; i < patterns.length; i++) {
            objects.add(indicator("indicator--00000000-0000-4000-8000-00000000000" + i, patterns[i]));
        }
        return IndicatorSet.compile(List.of(), objects);
    }

    private static List<Integer> candidates(IndicatorSet set, Observation o) {
        List<Integer> out = new ArrayList<>();
        set.candidates(o, out::add);
        return out;
    }

    @Test
    void needsRecords_onlyWhenAPatternNeedsFullEvaluation() {
        assertThat(entries(entry(LIST, IocType.DOMAIN, "evil.com", -1, true)).needsRecords()).isFalse();
        assertThat(patterns("[domain-name:value = 'evil.com']").needsRecords()).as("a plain value is looked up").isFalse();
        assertThat(patterns("[domain-name:value = 'evil.com']",
                "[domain-name:value = 'evil.com'] FOLLOWEDBY [ipv4-addr:value = '198.51.100.7'] WITHIN 60 SECONDS")
                .needsRecords()).isTrue();
        assertThat(IndicatorSet.empty().needsRecords()).isFalse();
    }

    @Test
    void largeSet_withItsKeyFilter_findsEveryEntryAndEverySubdomain_andNothingElse() {
        int n = ExactIndex.FILTER_FROM + 5_000;
        List<IocEntry> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            list.add(entry(LIST, IocType.DOMAIN, "h" + i + ".zone" + (i % 7) + ".example", -1, i % 2 == 1));
        }
        list.add(entry(LIST, IocType.IPV4, "198.51.100.9", -1, false));
        IndicatorSet set = IndicatorSet.compile(list, List.of());
        for (int i = 0; i < n; i++) {
            String d = "h" + i + ".zone" + (i % 7) + ".example";
            assertThat(set.lookup(obs(ObservationType.DOMAIN, d))).as(d).containsExactly(i);
            assertThat(set.lookup(obs(ObservationType.DOMAIN, "www." + d))).as("www." + d)
                    .isEqualTo(i % 2 == 1 ? new int[] {i} : new int[0]);
            assertThat(set.lookup(obs(ObservationType.DOMAIN, "x" + d))).isEmpty();
        }
        assertThat(set.lookup(obs(ObservationType.IPV4, "198.51.100.9"))).containsExactly(n);
        assertThat(set.lookup(obs(ObservationType.IPV4, "198.51.100.10"))).isEmpty();
        assertThat(set.indexBytes() / (double) n).as("bytes per indicator, filter included").isLessThan(64);
    }

    @Test
    void domainEntry_withSubdomains_hitsSubdomainsButNotLookAlikes() {
        IndicatorSet set = entries(entry(LIST, IocType.DOMAIN, "evil.com", -1, true));
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "evil.com"))).containsExactly(0);
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "a.b.evil.com"))).containsExactly(0);
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "xevil.com"))).isEmpty();
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "evil.com.x"))).isEmpty();
    }

    @Test
    void domainEntry_withoutSubdomains_hitsTheExactNameOnly() {
        IndicatorSet set = entries(entry(LIST, IocType.DOMAIN, "evil.com", -1, false));
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "evil.com"))).containsExactly(0);
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "a.evil.com"))).isEmpty();
    }

    @Test
    void oneValueInTwoLists_hitsBothIndicators() {
        IndicatorSet set = entries(entry(LIST, IocType.DOMAIN, "evil.com", -1, true),
                entry(OTHER_LIST, IocType.DOMAIN, "evil.com", -1, false),
                entry(OTHER_LIST, IocType.DOMAIN, "a.evil.com", -1, false));
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "evil.com"))).containsExactly(0, 1);
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "a.evil.com"))).containsExactly(0, 2);
        assertThat(set.indicator(1).listId()).isEqualTo(OTHER_LIST);
    }

    @Test
    void cidrEntries_addressHitsTheLongestPrefixAndExactAddress() {
        IndicatorSet set = entries(entry(LIST, IocType.CIDR4, "10.0.0.0/8", -1, false),
                entry(LIST, IocType.CIDR4, "10.1.0.0/16", -1, false),
                entry(LIST, IocType.IPV4, "10.1.2.3", -1, false),
                entry(LIST, IocType.CIDR4, "0.0.0.0/0", -1, false));
        assertThat(set.lookup(obs(ObservationType.IPV4, "10.1.2.3"))).containsExactly(1, 2);
        assertThat(set.lookup(obs(ObservationType.IPV4, "10.2.0.1"))).containsExactly(0);
        assertThat(set.lookup(obs(ObservationType.IPV4, "11.0.0.1"))).containsExactly(3);
        assertThat(set.lookup(obs(ObservationType.IPV4, "not-an-ip"))).isEmpty();
    }

    @Test
    void cidr6Entries_slash128AndSlash0() {
        IndicatorSet set = entries(entry(LIST, IocType.CIDR6, "2001:db8::1/128", -1, false),
                entry(LIST, IocType.CIDR6, "::/0", -1, false));
        assertThat(set.lookup(obs(ObservationType.IPV6, "2001:db8::1"))).containsExactly(0);
        assertThat(set.lookup(obs(ObservationType.IPV6, "2001:db8::2"))).containsExactly(1);
        assertThat(set.lookup(obs(ObservationType.IPV4, "10.0.0.1"))).isEmpty();
    }

    @Test
    void ipPortEntry_needsThePortAndTheResponderSide() {
        IndicatorSet set = entries(entry(LIST, IocType.IP_PORT, "204.79.197.200", 8443, false));
        assertThat(set.lookup(obs(ObservationType.IPV4, "204.79.197.200", 8443, Where.CONN_RESP))).containsExactly(0);
        assertThat(set.lookup(obs(ObservationType.IPV4, "204.79.197.200", 443, Where.CONN_RESP))).isEmpty();
        assertThat(set.lookup(obs(ObservationType.IPV4, "204.79.197.200", -1, Where.DNS_ANSWER))).isEmpty();
        assertThat(set.lookup(obs(ObservationType.IPV4, "204.79.197.200", 8443, Where.CONN_ORIG))).isEmpty();
    }

    @Test
    void urlEntries_schemeLessAndPathOnly_matchThePartsOfTheObservedUrl() {
        IndicatorSet set = entries(entry(LIST, IocType.URL, "evil.com/gate.php", -1, false),
                entry(LIST, IocType.URL, "/tbl_add.php", -1, false),
                entry(LIST, IocType.URL, "http://45.76.222.130", -1, false),
                entry(LIST, IocType.URL, "/x.php?a=1", -1, false));
        assertThat(set.lookup(obs(ObservationType.URL, "https://evil.com/gate.php?id=7"))).containsExactly(0);
        assertThat(set.lookup(obs(ObservationType.URL, "http://other.org/tbl_add.php"))).containsExactly(1);
        assertThat(set.lookup(obs(ObservationType.URL, "http://other.org/x/tbl_add.php"))).isEmpty();
        assertThat(set.lookup(obs(ObservationType.URL, "http://45.76.222.130/"))).containsExactly(2);
        assertThat(set.lookup(obs(ObservationType.URL, "http://45.76.222.130/index.html"))).isEmpty();
        assertThat(set.lookup(obs(ObservationType.URL, "http://h.org/x.php?a=1"))).containsExactly(3);
        assertThat(set.lookup(obs(ObservationType.URL, "http://h.org/x.php?a=2"))).isEmpty();
    }

    @Test
    void indicatorRef_ofAnEntry_hasTheIdItsExportGets() {
        IocEntry e = entry(LIST, IocType.IP_PORT, "204.79.197.200", 8443, false);
        IndicatorRef ref = entries(e).indicator(0);
        StixObject exported = IocIndicators.indicator(list(LIST), e);
        assertThat(ref.id()).isEqualTo(exported.id());
        assertThat(ref.pattern()).isEqualTo(exported.text("pattern").orElseThrow());
        assertThat(ref).extracting(IndicatorRef::listId, IndicatorRef::type, IndicatorRef::value, IndicatorRef::port)
                .containsExactly(LIST, IocType.IP_PORT, "204.79.197.200", 8443);
    }

    @Test
    void simpleStixPatterns_areMatchedByTheIndexWithNormalisedValues() {
        IndicatorSet set = patterns("[domain-name:value = 'EVIL.com']",
                "[file:hashes.'SHA-256' IN ('E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855')]",
                "[network-traffic:dst_ref.value = '10.0.0.1']",
                "[x509-certificate:serial_number = '4C:0B:1D'] OR [email-addr:value = 'a@Evil.com']",
                "[domain-name:value LIKE '%.sub.example']");
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "evil.com"))).containsExactly(0);
        assertThat(set.lookup(obs(ObservationType.SHA256,
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"))).containsExactly(1);
        assertThat(set.lookup(obs(ObservationType.IPV4, "10.0.0.1", 80, Where.CONN_RESP))).containsExactly(2);
        assertThat(set.lookup(obs(ObservationType.IPV4, "10.0.0.1", 5000, Where.CONN_ORIG))).isEmpty();
        assertThat(set.lookup(obs(ObservationType.X509_SERIAL, "4c0b1d"))).containsExactly(3);
        assertThat(set.lookup(obs(ObservationType.EMAIL, "a@evil.com"))).containsExactly(3);
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "a.sub.example"))).containsExactly(4);
        assertThat(set.lookup(obs(ObservationType.DOMAIN, "sub.example"))).as("LIKE '%.x' is not x").isEmpty();
        assertThat(set.indicator(3).id()).isEqualTo("indicator--00000000-0000-4000-8000-000000000003");
        assertThat(set.pattern(0)).isEmpty();
    }

    @Test
    void complexStixPatterns_areCandidatesByAnchorNotHits() {
        IndicatorSet set = patterns(
                "[domain-name:value = 'evil.com'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1'] WITHIN 60 SECONDS",
                "[ipv4-addr:value ISSUBSET '10.0.0.0/8' AND ipv4-addr:value != '10.0.0.2']",
                "[file:size > 1000]",
                "[process:name = 'evil.exe']",
                "[domain-name:value LIKE '%.a_b.com']");
        Observation domain = obs(ObservationType.DOMAIN, "evil.com");
        assertThat(set.lookup(domain)).isEmpty();
        assertThat(candidates(set, domain)).containsExactly(0, 4);
        assertThat(candidates(set, obs(ObservationType.DOMAIN, "x.com"))).containsExactly(4);
        assertThat(candidates(set, obs(ObservationType.IPV4, "10.9.9.9"))).containsExactly(1);
        assertThat(candidates(set, obs(ObservationType.IPV4, "11.0.0.1"))).isEmpty();
        assertThat(candidates(set, obs(ObservationType.MD5, "d41d8cd98f00b204e9800998ecf8427e"))).containsExactly(2);
        Observation withRecord = new Observation(ObservationType.IPV4, "11.0.0.1", -1, 0, Where.CONN_RESP, "s", "f", 1,
                null, new NoValues());
        assertThat(candidates(set, withRecord)).as("record-level types").containsExactly(3);
        assertThat(set.pattern(0)).isPresent();
    }

    @Test
    void unusableIndicators_areListedAndRevokedOnesLeftOut() {
        StixObject revoked = StixObject.of(indicator("indicator--00000000-0000-4000-8000-000000000001",
                "[domain-name:value = 'evil.com']").json().put("revoked", true));
        StixObject sigma = StixObject.of(indicator("indicator--00000000-0000-4000-8000-000000000002", "title: x")
                .json().put("pattern_type", "sigma"));
        StixObject broken = indicator("indicator--00000000-0000-4000-8000-000000000003", "[domain-name:value = ");
        IndicatorSet set = IndicatorSet.compile(List.of(), List.of(revoked, sigma, broken));
        assertThat(set.size()).isZero();
        assertThat(set.rejected()).hasSize(2);
        assertThat(set.rejected().get(0)).startsWith("indicator--00000000-0000-4000-8000-000000000002: pattern_type sigma");
        assertThat(set.rejected().get(1)).startsWith("indicator--00000000-0000-4000-8000-000000000003: ");
    }

    @Test
    void lookupMisses_allocateNothing() {
        List<IocEntry> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            list.add(entry(LIST, IocType.DOMAIN, "host" + i + ".evil.com", -1, true));
        }
        list.add(entry(LIST, IocType.CIDR4, "10.0.0.0/8", -1, false));
        list.add(entry(LIST, IocType.URL, "/gate.php", -1, false));
        IndicatorSet set = IndicatorSet.compile(list, List.of());
        Observation[] misses = {obs(ObservationType.DOMAIN, "www.a.example.org"),
                obs(ObservationType.IPV4, "192.168.0.1", 443, Where.CONN_RESP),
                obs(ObservationType.URL, "http://example.org/index.html?q=1"),
                obs(ObservationType.SHA1, "da39a3ee5e6b4b0d3255bfef95601890afd80709")};
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (int round = 0; round < 3; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                total += set.lookup(misses[i & 3]).length;
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round == 2) {
                // the smallest object is 16 bytes: fewer bytes than lookups means the lookups allocate
                // nothing (what remains is the JIT and the measurement itself)
                assertThat(allocated).as("bytes allocated by 100,000 missed lookups").isLessThan(100_000);
            }
        }
        assertThat(total).isZero();
    }

    /** A record with no values. */
    private static final class NoValues implements org.threatledger.pattern.Observed {
        @Override
        public List<Object> values(org.threatledger.pattern.ObjectPath path) {
            return List.of();
        }

        @Override
        public long timeMicros() {
            return 0;
        }

        @Override
        public String sensor() {
            return "s";
        }
    }
}
