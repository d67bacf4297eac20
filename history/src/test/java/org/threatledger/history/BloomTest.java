package org.threatledger.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BloomTest {

    @Test
    void blocked_neverMissesAnAddedKey_andRejectsMostOthers() {
        int n = 200_000;
        Bloom bloom = Bloom.blocked(n);
        SplittableRandom added = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            bloom.add(Keys.mix(added.nextLong()));
        }
        SplittableRandom again = new SplittableRandom(7);
        for (int i = 0; i < n; i++) {
            assertThat(bloom.mightContain(Keys.mix(again.nextLong()))).isTrue();
        }
        SplittableRandom others = new SplittableRandom(8);
        int falsePositives = 0;
        for (int i = 0; i < n; i++) {
            if (bloom.mightContain(Keys.mix(others.nextLong()))) {
                falsePositives++;
            }
        }
        assertThat(falsePositives).as("false positives of %d", n).isLessThan(n * 2 / 100);
        assertThat(bloom.words.length % 8).isZero();
        assertThat(bloom.words.length * 64L).isBetween(n * 10L, n * 10L + 512);
    }

    @Test
    void classic_filterOfEarlierSegments_isReadTheWayItWasWritten() {
        Bloom written = new Bloom(new long[1000], false);
        for (long k = 0; k < 5000; k++) {
            written.add(Keys.mix(k));
        }
        Bloom read = new Bloom(written.words.clone(), false);
        for (long k = 0; k < 5000; k++) {
            assertThat(read.mightContain(Keys.mix(k))).isTrue();
        }
    }
}
