package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.threatledger.stix.IocType;
import org.threatledger.stix.Patterns;

/** The patterns importers build with {@link Patterns} parse, and anchor on the IOC value itself. */
class StixPatternsInteropTest {
    private static final Map<IocType, String> SAMPLES = Map.ofEntries(
            Map.entry(IocType.IPV4, "198.51.100.7"),
            Map.entry(IocType.IPV6, "2001:db8::1"),
            Map.entry(IocType.CIDR4, "198.51.100.0/24"),
            Map.entry(IocType.CIDR6, "2001:db8::/32"),
            Map.entry(IocType.IP_PORT, "198.51.100.7"),
            Map.entry(IocType.DOMAIN, "evil.example"),
            Map.entry(IocType.URL, "http://evil.example/it's\\here"),
            Map.entry(IocType.EMAIL, "a@evil.example"),
            Map.entry(IocType.MD5, "79054025255fb1a26e4bc422aef54eb4"),
            Map.entry(IocType.SHA1, "a94a8fe5ccb19ba61c4c0873d391e987982fbbd3"),
            Map.entry(IocType.SHA256, "aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f"));

    @Test
    void everyIocTypePattern_parses_andAnchorsOnItsValue() {
        assertThat(SAMPLES).hasSize(IocType.values().length);
        for (IocType type : IocType.values()) {
            String value = SAMPLES.get(type);
            Pattern pattern = PatternParser.parse(Patterns.of(type, value, 443));
            Anchor anchor = Anchors.of(pattern).iterator().next();
            assertThat(pattern.toString()).as(type.label()).contains(type.objectPath());
            assertThat(Anchors.of(pattern)).as(type.label()).hasSize(1);
            Anchor expected = type == IocType.CIDR4 || type == IocType.CIDR6
                    ? new Anchor.Subnet(((Anchor.Subnet) anchor).path(), value)
                    : new Anchor.Equality(((Anchor.Equality) anchor).path(), new Literal.StringLiteral(value));
            assertThat(anchor).as(type.label()).isEqualTo(expected);
            assertThat(anchor.objectType() + ":").as(type.label()).isEqualTo(type.objectPath().split(":")[0] + ":");
        }
    }
}
