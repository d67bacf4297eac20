package org.threatledger.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.match.ObservationType;

class ValueBatchTest {
    @TempDir
    Path dir;

    @Test
    void longValues_fillABatchByTheirBytes_andAreRecordedWhole() throws IOException {
        ValueBatch batch = new ValueBatch(8192);
        String url = "http://evil.example/" + "a".repeat(100_000);
        int n = 0;
        while (!batch.isFull()) {
            batch.add(ObservationType.URL, url + n, n, "s");
            n++;
        }
        assertThat(n).as("full after a megabyte, not after 8,192 values").isEqualTo(ValueBatch.ARENA_LIMIT / 100_020 + 1);
        try (History h = History.open(dir)) {
            h.recordAll(batch);
            assertThat(h.lookup(ObservationType.URL, url + (n - 1)).orElseThrow().count()).isEqualTo(1);
        }
        batch.clear();
        assertThat(batch.size()).isZero();
        assertThat(batch.isFull()).isFalse();
        batch.addAscii(ObservationType.DOMAIN, "x.example".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0, 9, 1, "s");
        assertThat(batch.size()).isEqualTo(1);
        assertThat(batch.end(0) - batch.start(0)).isEqualTo(9);
    }
}
