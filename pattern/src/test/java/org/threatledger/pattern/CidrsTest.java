package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CidrsTest {

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.0/24", "192.168.0.1/24", "10.0.0.1", "0.0.0.0/0", "255.255.255.255/32",
        "2001:0db8:dead:beef:0000:0000:0000:0000/64", "2001:db8::/32", "::1", "::", "::/0", "fe80::1%", "1:2:3:4:5:6:7:8/128",
        "::ffff:192.0.2.1", "2001:db8::1:2"})
    void addressesAndBlocks_areAccepted(String text) {
        if (text.endsWith("%")) {
            assertThat(Cidrs.isAddressOrCidr(text)).isFalse(); // zone ids are not part of a CIDR
        } else {
            assertThat(Cidrs.isAddressOrCidr(text)).as(text).isTrue();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "example.com", "256.1.1.1", "1.2.3", "1.2.3.4/33", "1.2.3.4/", "1.2.3.4/-1",
        "2001:db8::/129", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7", ":1:2:3:4:5:6:7", "12345::",
        "2001:db8::g", "1.2.3.4/24/8"})
    void otherText_isRejected(String text) {
        assertThat(Cidrs.isAddressOrCidr(text)).as(text).isFalse();
    }
}
