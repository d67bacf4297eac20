package org.threatledger.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;
import org.threatledger.stix.StixException;

/** The hot-path normalisers agree with {@code IocValue}, the one definition of the normal forms. */
class ValuesTest {
    @Test
    void ipv6_fastCanonicalForm_agreesWithIocValue_onRandomAddresses() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder sb = new StringBuilder();
            for (int g = 0; g < 8; g++) {
                int v = random.nextInt(4) == 0 ? 0 : random.nextInt(1 << (4 * (1 + random.nextInt(4))));
                String hex = Integer.toHexString(v);
                if (random.nextBoolean()) {
                    hex = hex.toUpperCase();
                }
                if (random.nextInt(5) == 0) {
                    hex = "0".repeat(4 - Math.min(4, hex.length())) + hex;
                }
                sb.append(g > 0 ? ":" : "").append(hex);
            }
            String raw = random.nextBoolean() ? sb.toString() : compressFirstZeroRun(sb.toString());
            String canonical = IocValue.of(IocType.IPV6, raw).value();
            assertThat(Values.ipv6(raw)).as(raw).isEqualTo(canonical);
            assertThat(Values.ipv6(canonical)).as("canonical text is returned as it is").isSameAs(canonical);
            byte[] line = ("\t" + raw + ",").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            String inPlace = Values.ipv6OrSame(line, 1, line.length - 1);
            if (raw.equals(canonical)) {
                assertThat(inPlace).as("canonical bytes are handed on as they are: " + raw).isSameAs(Values.SAME);
            } else {
                assertThat(inPlace).as("read in place: " + raw).isEqualTo(canonical);
            }
        }
    }

    @Test
    void ipv6_malformed_isNull() {
        for (String bad : new String[] {"1::2::3", ":1:2", "1:2:3", "12345::1", "1:2:3:4:5:6:7:8:9", "1:", "g::1", "::1:"}) {
            assertThat(Values.ipv6(bad)).as(bad).isNull();
            byte[] b = bad.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            assertThat(Values.ipv6OrSame(b, 0, b.length)).as("read in place: " + bad).isNull();
            assertThat(iocIpv6(bad)).as(bad).isNull();
        }
        assertThat(Values.ipv6("::ffff:1.2.3.4")).isEqualTo("::ffff:1.2.3.4");
    }

    @Test
    void ipv4_rulesOfIocValue() {
        assertThat(Values.isIpv4("10.0.0.1")).isTrue();
        for (String bad : new String[] {"10.0.0.01", "256.1.1.1", "1.2.3", "1.2.3.4.5", "1..2.3", "a.b.c.d", ""}) {
            assertThat(Values.isIpv4(bad)).as(bad).isFalse();
        }
    }

    @Test
    void hostName_lowerCaseInput_keptAsIs_trailingDotDropped_badOnesNull() {
        String q = "www.example.com";
        assertThat(Values.hostName(q)).isSameAs(q);
        assertThat(Values.hostName("www.example.com.")).isEqualTo("www.example.com");
        assertThat(Values.hostName("_ldap._tcp.dc._msdcs.corp.local")).isEqualTo("_ldap._tcp.dc._msdcs.corp.local");
        assertThat(Values.hostName("wpad")).isEqualTo("wpad");
        assertThat(Values.hostName("bücher.example")).isEqualTo("xn--bcher-kva.example");
        for (String bad : new String[] {"*", "a b.example", "-a.example", "a..example", "10.0.0.1", "http://x.example", ""}) {
            assertThat(Values.hostName(bad)).as(bad).isNull();
        }
    }

    @Test
    void email_fromDisplayForms() {
        assertThat(Values.email("\"Eve\" <Eve@Mail.Example.COM>")).isEqualTo("Eve@mail.example.com");
        assertThat(Values.email("ceo@victim.example")).isEqualTo("ceo@victim.example");
        assertThat(Values.email("<broken@example")).isNull();
        assertThat(Values.email("no address")).isNull();
    }

    @Test
    void times_exactMicroseconds() {
        byte[] ts = "1521911720.865716".getBytes();
        assertThat(Times.epochSeconds(ts, 0, ts.length)).isEqualTo(1_521_911_720_865_716L);
        assertThat(Times.parse("2018-03-24T17:15:20.865716Z")).isEqualTo(1_521_911_720_865_716L);
        assertThat(Times.parse("1588205199.82437")).isEqualTo(1_588_205_199_824_370L);
        assertThat(Times.parse("1700000000")).isEqualTo(1_700_000_000_000_000L);
        assertThat(Times.parse("1.5E9")).isEqualTo(1_500_000_000_000_000L);
        assertThat(Times.parse("yesterday")).isEqualTo(Times.BAD);
    }

    private static String compressFirstZeroRun(String full) {
        String[] g = full.split(":");
        for (int i = 0; i < 7; i++) {
            if (Integer.parseInt(g[i], 16) == 0 && Integer.parseInt(g[i + 1], 16) == 0) {
                int j = i;
                while (j < 8 && Integer.parseInt(g[j], 16) == 0) {
                    j++;
                }
                return String.join(":", java.util.Arrays.copyOfRange(g, 0, i)) + "::"
                        + String.join(":", java.util.Arrays.copyOfRange(g, j, 8));
            }
        }
        return full;
    }

    private static String iocIpv6(String raw) {
        try {
            return IocValue.of(IocType.IPV6, raw).value();
        } catch (StixException e) {
            return null;
        }
    }
}
