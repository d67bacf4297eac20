package org.threatledger.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

class IndicatorSetImageTest {
    private static final String LABEL = "intel 1";
    private static final String LIST = "x-threatledger-ioc-list--00000000-0000-5000-8000-000000000001";

    /** Patterns of every kind the set keeps: simple ones (looked up), full ones (candidates), and rejected ones. */
    private static final List<String> PATTERNS = List.of(
            "[domain-name:value = 'evil.com']",
            "[ipv4-addr:value ISSUBSET '10.0.0.0/8']",
            "[domain-name:value = 'evil.com'] FOLLOWEDBY [ipv4-addr:value = '10.0.0.1'] WITHIN 60 SECONDS",
            "[ipv6-addr:value ISSUBSET '2001:db8::/32' AND network-traffic:dst_port = 443]",
            "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' OR file:name = 'x.exe']",
            "[network-traffic:dst_port = 8443]",
            "[url:value LIKE 'http://evil.com/%']",
            "[domain-name:value = ");

    @Test
    void randomSets_readBackFromTheirImage_matchExactlyAsCompiled() {
        qt().withExamples(1000).forAll(Samples.entries(), Samples.observations()).checkAssert((entries, observations) -> {
            List<StixObject> stix = new ArrayList<>();
            for (int i = 0; i < entries.size() % (PATTERNS.size() + 1); i++) {
                stix.add(indicator(i, PATTERNS.get((i + entries.size()) % PATTERNS.size())));
            }
            IndicatorSet compiled = IndicatorSet.compile(entries, stix);
            IndicatorSet read = IndicatorSet.fromImage(ByteBuffer.wrap(compiled.image(LABEL)), LABEL);
            assertThat(read.size()).isEqualTo(compiled.size());
            assertThat(read.needsRecords()).isEqualTo(compiled.needsRecords());
            assertThat(read.rejected()).isEqualTo(compiled.rejected());
            assertThat(read.indexBytes()).isEqualTo(compiled.indexBytes());
            for (int i = 0; i < compiled.size(); i++) {
                assertThat(read.indicator(i)).isEqualTo(compiled.indicator(i));
                assertThat(read.pattern(i).map(Object::toString)).isEqualTo(compiled.pattern(i).map(Object::toString));
            }
            for (Observation o : observations) {
                assertThat(read.lookup(o)).as("%s", o).containsExactly(compiled.lookup(o));
                assertThat(candidates(read, o)).as("%s", o).isEqualTo(candidates(compiled, o));
            }
        });
    }

    @Test
    void aLargeSet_withTheKeyFilter_readFromTheMiddleOfABuffer_findsEveryEntry() {
        List<IocEntry> entries = new ArrayList<>();
        for (int i = 0; i < ExactIndex.FILTER_FROM + 10; i++) {
            entries.add(new IocEntry(LIST, IocType.DOMAIN, "host" + i + ".example.org", -1, i % 2 == 0, null, null, i));
        }
        byte[] image = IndicatorSet.compile(entries, List.of()).image(LABEL);
        byte[] behindAHeader = new byte[image.length + 7];
        System.arraycopy(image, 0, behindAHeader, 7, image.length);
        IndicatorSet read = IndicatorSet.fromImage(ByteBuffer.wrap(behindAHeader, 7, image.length), LABEL);
        for (int i = 0; i < entries.size(); i++) {
            Observation o = obs("a.host" + i + ".example.org");
            assertThat(read.lookup(obs("host" + i + ".example.org"))).containsExactly(i);
            assertThat(read.lookup(o)).hasSize(i % 2 == 0 ? 1 : 0);
        }
        assertThat(read.lookup(obs("host-1.example.org"))).isEmpty();
    }

    @Test
    void anImageOfOtherIntel_isRefused() {
        byte[] image = IndicatorSet.compile(List.of(entry("evil.com")), List.of()).image(LABEL);
        assertThatThrownBy(() -> IndicatorSet.fromImage(ByteBuffer.wrap(image), "intel 2"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("other intel");
    }

    @Test
    void everyTruncation_isRefusedWithTheSameKindOfError() {
        IndicatorSet set = IndicatorSet.compile(List.of(entry("evil.com"), entry("a.evil.org"),
                new IocEntry(LIST, IocType.CIDR4, "10.0.0.0/8", -1, false, null, null, 3)),
                List.of(indicator(0, PATTERNS.get(2))));
        byte[] image = set.image(LABEL);
        for (int n = 0; n < image.length; n++) {
            byte[] cut = Arrays.copyOf(image, n);
            assertThatThrownBy(() -> IndicatorSet.fromImage(ByteBuffer.wrap(cut), LABEL)).as("cut at %d of %d", n, image.length)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] longer = Arrays.copyOf(image, image.length + 1);
        assertThatThrownBy(() -> IndicatorSet.fromImage(ByteBuffer.wrap(longer), LABEL)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keysNotFoundUnderTheirHash_areRefused() {
        byte[] image = IndicatorSet.compile(List.of(entry("evil.com"), entry("bad.example")), List.of()).image(LABEL);
        // the slots come right after the header: magic, layout, label, then the slot count
        int slotsAt = 4 + 4 + SetImage.layout().getBytes(StandardCharsets.UTF_8).length + 4 + LABEL.length();
        ByteBuffer b = ByteBuffer.wrap(image).order(ByteOrder.LITTLE_ENDIAN);
        int slots = b.getInt(slotsAt);
        long[] moved = new long[slots];
        for (int i = 0; i < slots; i++) {
            moved[(i + 1) % slots] = b.getLong(slotsAt + 4 + 8 * i); // every key one slot too far on
        }
        for (int i = 0; i < slots; i++) {
            b.putLong(slotsAt + 4 + 8 * i, moved[i]);
        }
        assertThatThrownBy(() -> IndicatorSet.fromImage(ByteBuffer.wrap(image), LABEL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not found under its hash");
    }

    @Test
    void anImageOfAnotherBuild_isRefused() {
        byte[] image = IndicatorSet.compile(List.of(entry("evil.com")), List.of()).image(LABEL);
        image[8] ^= 1; // the first byte of the layout: the version number
        assertThatThrownBy(() -> IndicatorSet.fromImage(ByteBuffer.wrap(image), LABEL))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("this build");
    }

    private static List<Integer> candidates(IndicatorSet set, Observation o) {
        List<Integer> out = new ArrayList<>();
        set.candidates(o, out::add);
        return out;
    }

    private static Observation obs(String domain) {
        return new Observation(ObservationType.DOMAIN, domain, -1, 0, Where.DNS_QUERY, "s", "f", 1, null, null);
    }

    private static IocEntry entry(String domain) {
        return new IocEntry(LIST, IocType.DOMAIN, domain, -1, true, null, null, 1);
    }

    private static StixObject indicator(int i, String pattern) {
        var o = StixJson.object();
        o.put("type", "indicator");
        o.put("spec_version", "2.1");
        o.put("id", "indicator--00000000-0000-4000-8000-" + String.format("%012d", i));
        o.put("pattern", pattern);
        o.put("pattern_type", "stix");
        return StixObject.of(o);
    }
}
