package org.threatledger.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CursorTest {
    private static final byte[] KEY = "server-secret".getBytes(StandardCharsets.UTF_8);

    @Test
    void roundTrip() {
        Cursor c = new Cursor("all", 1_767_225_600_000_000L, 4242);

        assertThat(Cursor.decode(c.encode(KEY), "all", KEY)).isEqualTo(c);
    }

    @Test
    void forgedPosition_otherCollection_otherKey_areBadRequests() {
        String good = new Cursor("all", 10, 20).encode(KEY);
        String forged = new Cursor("all", 10, 0).encode("guess".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> Cursor.decode(forged, "all", KEY)).isInstanceOf(TaxiiException.class);
        assertThatThrownBy(() -> Cursor.decode(good, "other", KEY)).isInstanceOf(TaxiiException.class);
        assertThatThrownBy(() -> Cursor.decode("garbage", "all", KEY)).isInstanceOf(TaxiiException.class);
        assertThatThrownBy(() -> Cursor.decode("!!.??", "all", KEY)).isInstanceOf(TaxiiException.class);
    }
}
