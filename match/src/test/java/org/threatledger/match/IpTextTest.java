package org.threatledger.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;

import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;

class IpTextTest {

    @Test
    void randomIpv6Addresses_inCanonicalText_parseToTheSameNumberAsInetAddress() {
        // few distinct group values, so runs of zero groups (and "::") are common
        qt().withExamples(5000).forAll(lists().of(integers().between(0, 5)).ofSize(8)).checkAssert(groups -> {
            int[] values = {0, 0, 1, 0xffff, 0xdb8, 0x2001};
            StringBuilder raw = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                raw.append(i == 0 ? "" : ":").append(Integer.toHexString(values[groups.get(i)]));
            }
            String canonical = IocValue.of(IocType.IPV6, raw.toString()).value();
            BigInteger expected = ReferenceMatcher.number(canonical);
            assertThat(IpText.ipv6(canonical, IpText.VALID)).as(canonical).isEqualTo(1);
            BigInteger parsed = new BigInteger(1, toBytes(IpText.ipv6(canonical, 0), IpText.ipv6(canonical, 1)));
            assertThat(parsed).as(canonical).isEqualTo(expected);
        });
    }

    @Test
    void notAddresses_areInvalid() {
        for (String bad : List.of("", ":", ":::", "1:2", "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::", "g::1",
                "1:2:3:4:5:6:7:", "::1.2.3", "::256.0.0.1", "1:2:3:4:5:6:7:1.2.3.4")) {
            assertThat(IpText.ipv6(bad, IpText.VALID)).as(bad).isZero();
        }
        for (String bad : List.of("", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1.2.3.4.", "a.b.c.d", "1111.1.1.1")) {
            assertThat(IpText.ipv4(bad, 0, bad.length())).as(bad).isEqualTo(-1);
        }
        assertThat(IpText.ipv4("255.255.255.255", 0, 15)).isEqualTo(0xffffffffL);
        assertThat(IpText.ipv6("::ffff:10.0.0.1", 1)).isEqualTo(0xffff0a000001L);
    }

    private static byte[] toBytes(long hi, long lo) {
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (hi >>> (56 - 8 * i));
            b[8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return b;
    }
}
