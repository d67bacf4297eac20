package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.quicktheories.core.Gen;

class IocValueTest {

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "D41D8CD98F00B204E9800998ECF8427E | md5 | d41d8cd98f00b204e9800998ecf8427e",
        "da39a3ee5e6b4b0d3255bfef95601890afd80709 | sha1 | da39a3ee5e6b4b0d3255bfef95601890afd80709",
        "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855 | sha256 | e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        "1.2.3.4:8443 | ip_port | 1.2.3.4:8443",
        "[2001:DB8:0:0::1]:443 | ip_port | [2001:db8::1]:443",
        "1.2.3.0/24 | cidr4 | 1.2.3.0/24",
        "2001:db8:0::/32 | cidr6 | 2001:db8::/32",
        "evil.com/path | url | evil.com/path",
        "/tbl_add.php | url | /tbl_add.php",
        "EVIL.com/Path?Q=1 | url | evil.com/Path?Q=1",
        "HTTP://Evil.COM:80/a/B | url | http://evil.com/a/B",
        "https://evil.com:8443/ | url | https://evil.com:8443/",
        "http://45.76.222.130 | url | http://45.76.222.130",
        "http://[2001:db8::0:1]:8080/x | url | http://[2001:db8::1]:8080/x",
        "10.0.0.1 | ipv4 | 10.0.0.1",
        "0.0.0.0 | ipv4 | 0.0.0.0",
        "2001:0DB8:0000:0000:0000:0000:0000:0001 | ipv6 | 2001:db8::1",
        "2001:db8:0:0:1:0:0:1 | ipv6 | 2001:db8::1:0:0:1",
        "::ffff:192.0.2.1 | ipv6 | ::ffff:192.0.2.1",
        "Evil.Example.COM. | domain | evil.example.com",
        "g00gle_jp.dynamic-dns.net | domain | g00gle_jp.dynamic-dns.net",
        "bücher.example | domain | xn--bcher-kva.example",
        "Bad.Guy@Evil.COM | email | Bad.Guy@evil.com",
    })
    void detect_knownSpellings_giveTypeAndNormalForm(String raw, String type, String normal) {
        IocValue v = IocValue.parse(raw);
        assertThat(v.type().label()).isEqualTo(type);
        assertThat(v.text()).isEqualTo(normal);
    }

    @Test
    void ipPort_keepsAddressAndPortApart() {
        IocValue v = IocValue.parse("204.79.197.200:8443");
        assertThat(v).isEqualTo(new IocValue(IocType.IP_PORT, "204.79.197.200", 8443));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "1.2.3.256 | octet 256 above 255",
        "010.1.2.3 | leading zero",
        "1.2.3 | 3 octets",
        "1.2.3.4:0 | port 0 outside",
        "1.2.3.4:65536 | port 65536 outside",
        "1.2.3.4:080 | port with a leading zero",
        "10.1.2.3/8 | the network is 10.0.0.0/8",
        "1.2.3.0/33 | prefix /33 above 32",
        "2001:db8::1/32 | the network is 2001:db8::/32",
        "2001:db8::/129 | prefix /129 above 128",
        "1:2:3:4:5:6:7:8:9 | not an IPv6 address",
        "fe80::1%eth0 | not an IPv6 address",
        "localhost | no dot",
        "evil..com | empty label",
        "-evil.com | starts or ends with '-'",
        "evil.123 | numeric top-level label",
        "evil.com:8080 | neither ip:port nor a domain",
        "ev!l.com | character '!'",
        "http:///path | no host",
        "/ | no path after '/'",
        "http://evil.com/a b | whitespace",
        "@evil.com | local part empty",
        "bad guy@evil.com | character ' '",
    })
    void parse_malformedValue_isRejectedWithReason(String raw, String reason) {
        assertThatThrownBy(() -> IocValue.parse(raw)).isInstanceOf(StixException.class)
                .hasMessageContaining(raw.strip()).hasMessageContaining(reason);
        assertThat(IocValue.detect(raw)).isEmpty();
    }

    @Test
    void parse_overlongLabelAndName_areRejected() {
        assertThatThrownBy(() -> IocValue.parse("a".repeat(64) + ".com")).hasMessageContaining("63");
        assertThatThrownBy(() -> IocValue.parse(("a".repeat(60) + ".").repeat(5) + "com")).hasMessageContaining("253");
    }

    @Test
    void of_typeMismatch_isRejectedNamingBothTypes() {
        assertThatThrownBy(() -> IocValue.of(IocType.DOMAIN, "1.2.3.4")).hasMessageContaining("is a ipv4, not a domain");
        assertThatThrownBy(() -> IocValue.of(IocType.MD5, "evil.com")).hasMessage("'evil.com' is not a valid md5 (32 hex digits)");
        assertThat(IocValue.of(IocType.SHA1, "DA39A3EE5E6B4B0D3255BFEF95601890AFD80709").value())
                .isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
    }

    @Test
    void constructor_portOnlyForIpPort() {
        assertThatThrownBy(() -> new IocValue(IocType.IPV4, "1.2.3.4", 80)).isInstanceOf(StixException.class);
        assertThatThrownBy(() -> new IocValue(IocType.IP_PORT, "1.2.3.4", -1)).isInstanceOf(StixException.class);
    }

    @Test
    void normalise_isIdempotent_andDetectsItsOwnType() {
        qt().withExamples(5000).forAll(rawValues()).checkAssert(raw -> {
            IocValue once = IocValue.parse(raw);
            IocValue twice = IocValue.parse(once.text());
            assertThat(twice).isEqualTo(once);
            assertThat(IocValue.of(once.type(), once.text())).isEqualTo(once);
        });
    }

    /** Raw spellings of every type, in mixed case and with redundant parts. */
    private static Gen<String> rawValues() {
        return longs().all().map(seed -> rawValue(new Random(seed)));
    }

    private static String rawValue(Random r) {
        return switch (r.nextInt(14)) {
            case 13 -> "/" + path(r) + "x";
            case 0 -> hex(r, 32);
            case 1 -> hex(r, 40);
            case 2 -> hex(r, 64);
            case 3 -> ipv4(r);
            case 4 -> ipv4(r) + ":" + (1 + r.nextInt(65535));
            case 5 -> "[" + ipv6(r) + "]:" + (1 + r.nextInt(65535));
            case 6 -> ipv6(r);
            case 7 -> cidr4(r);
            case 8 -> cidr6(r);
            case 9 -> domain(r);
            case 10 -> domain(r) + "/" + path(r);
            case 11 -> (r.nextBoolean() ? "HTTP" : "https") + "://" + domain(r)
                    + (r.nextBoolean() ? ":" + (1 + r.nextInt(65535)) : "") + "/" + path(r);
            default -> "User." + r.nextInt(1000) + "@" + domain(r);
        };
    }

    private static String hex(Random r, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < n; i++) {
            char c = Character.forDigit(r.nextInt(16), 16);
            sb.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    private static String ipv4(Random r) {
        return r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
    }

    private static String ipv6(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            sb.append(i == 0 ? "" : ":").append(r.nextInt(3) == 0 ? "0" : hex(r, 1 + r.nextInt(4)));
        }
        return sb.toString();
    }

    private static String cidr4(Random r) {
        int prefix = r.nextInt(33);
        int bits = prefix == 0 ? 0 : r.nextInt() & (-1 << (32 - prefix));
        return IpAddresses.ipv4Text(bits) + "/" + prefix;
    }

    private static String cidr6(Random r) {
        int prefix = r.nextInt(129);
        byte[] a = new byte[16];
        r.nextBytes(a);
        for (int bit = prefix; bit < 128; bit++) {
            a[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        return IpAddresses.ipv6Text(a).toUpperCase(java.util.Locale.ROOT) + "/" + prefix;
    }

    private static String domain(Random r) {
        String[] labels = {"evil", "C2", "x-y", "a_b", "mail", "xn--bcher-kva", "ß", "Übel", "0day", "cdn7"};
        String[] tlds = {"com", "NET", "org", "xyz", "co.uk"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            sb.append(labels[r.nextInt(labels.length)]).append('.');
        }
        return sb.append(tlds[r.nextInt(tlds.length)]).append(r.nextInt(4) == 0 ? "." : "").toString();
    }

    private static String path(Random r) {
        String[] parts = {"a", "Index.PHP", "x?y=Z", "p%20q", "#frag", "gate.asp?id=1&b=2", ""};
        return parts[r.nextInt(parts.length)];
    }
}
