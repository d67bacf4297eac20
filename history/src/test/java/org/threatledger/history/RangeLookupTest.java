package org.threatledger.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.match.ObservationType;

/** Address ranges looked up in the history, against a naive check of every address. */
class RangeLookupTest {
    @TempDir
    Path dir;

    @Test
    void ipv4Ranges_findExactlyTheAddressesInside_inSegmentsAndInMemory() throws IOException {
        Random r = new Random(3);
        List<String> addresses = new ArrayList<>();
        for (int i = 0; i < 3000; i++) {
            addresses.add("10." + r.nextInt(3) + "." + r.nextInt(40) + "." + r.nextInt(256));
        }
        addresses.add("10.1.2.12");
        addresses.add("10.1.2.120");
        addresses.add("100.1.2.3");
        try (History h = History.open(dir)) {
            for (int i = 0; i < addresses.size(); i++) {
                h.record(ObservationType.IPV4, addresses.get(i), i, "s");
                if (i == 1500) {
                    h.flush();
                }
            }
            for (String cidr : List.of("10.1.16.0/20", "10.1.2.0/25", "10.0.0.0/8", "10.1.2.12/32", "10.1.2.120/29",
                    "0.0.0.0/0", "10.2.0.0/15", "11.0.0.0/8")) {
                List<String> expected = addresses.stream().filter(a -> naiveContains(cidr, a)).distinct().sorted().toList();

                assertThat(h.lookupRange(cidr)).as(cidr).extracting(Seen::value)
                        .containsExactlyInAnyOrderElementsOf(expected);
            }
            assertThat(h.lookupRange("10.1.2.12/32")).singleElement().extracting(Seen::count).isEqualTo(1L);
        }
    }

    @Test
    void ipv6Ranges_areFoundDespiteCompressedText() throws IOException {
        try (History h = History.open(dir)) {
            h.record(ObservationType.IPV6, "2001:db8::1", 1, "s");
            h.record(ObservationType.IPV6, "2001:db8:0:ff::2", 2, "s");
            h.record(ObservationType.IPV6, "2001:db9::1", 3, "s");
            h.record(ObservationType.IPV6, "::ffff:10.1.2.3", 4, "s");
            h.flush();
            h.record(ObservationType.IPV6, "2001:db8:ffff::3", 5, "s");

            assertThat(h.lookupRange("2001:db8::/32")).extracting(Seen::value)
                    .containsExactlyInAnyOrder("2001:db8::1", "2001:db8:0:ff::2", "2001:db8:ffff::3");
            assertThat(h.lookupRange("2001:db8::/64")).extracting(Seen::value).containsExactly("2001:db8::1");
            assertThat(h.lookupRange("::ffff:10.1.0.0/112")).extracting(Seen::value).containsExactly("::ffff:10.1.2.3");
        }
    }

    @Test
    void notARange_isRefused() throws IOException {
        try (History h = History.open(dir)) {
            assertThatThrownBy(() -> h.lookupRange("10.1.2.3")).hasMessageContaining("10.1.2.3");
            assertThatThrownBy(() -> h.lookupRange("10.1.2.3/33")).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void cidrContainment_agreesWithTheJdk_onRandomIpv6() {
        qt().withExamples(2000).forAll(longs().all(), longs().all(), integers().between(0, 128)).checkAssert((hi, lo, bits) -> {
            String address = text(hi, lo);
            String network = text(hi ^ (bits < 64 ? 1L << (63 - Math.min(bits, 63)) : 0), lo);
            Cidr c = Cidr.parse(network + "/" + bits).orElseThrow();

            assertThat(c.contains(address)).isEqualTo(naiveContains(network + "/" + bits, address));
        });
    }

    private static String text(long hi, long lo) {
        StringBuilder b = new StringBuilder();
        for (int g = 0; g < 8; g++) {
            long word = g < 4 ? hi : lo;
            b.append(Long.toHexString((word >>> (48 - 16 * (g % 4))) & 0xffff));
            if (g < 7) {
                b.append(':');
            }
        }
        return b.toString();
    }

    /** Containment by the JDK's parser and big integers: slow and obviously right. */
    private static boolean naiveContains(String cidr, String address) {
        try {
            String[] parts = cidr.split("/");
            byte[] net = InetAddress.getByName(parts[0]).getAddress();
            byte[] a = InetAddress.getByName(address).getAddress();
            if (net.length != a.length) {
                return false;
            }
            int bits = Integer.parseInt(parts[1]);
            int width = net.length * 8;
            BigInteger mask = bits == 0 ? BigInteger.ZERO
                    : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE).shiftLeft(width - bits);
            return new BigInteger(1, net).and(mask).equals(new BigInteger(1, a).and(mask));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
