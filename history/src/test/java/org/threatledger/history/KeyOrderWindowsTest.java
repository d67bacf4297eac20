package org.threatledger.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeyOrderWindowsTest {
    @Test
    void everyEntryIsInTheWindowOfItsPosition_inTableOrder() {
        SplittableRandom random = new SplittableRandom(5);
        for (int round = 0; round < 200; round++) {
            int size = random.nextInt(0, 300);
            int bits = random.nextInt(0, 6);
            int[] order = shuffled(size, random);
            KeyOrderWindows w = KeyOrderWindows.of(order, size, bits);
            assertThat(w.count()).isEqualTo((size + (1 << bits) - 1) >> bits);
            for (int i = 0; i < size; i++) {
                assertThat(w.position()[order[i]]).isEqualTo(i);
            }
            for (int window = 0; window < w.count(); window++) {
                List<Integer> expected = new ArrayList<>();
                for (int e = 0; e < size; e++) {
                    if (w.position()[e] >> bits == window) {
                        expected.add(e);
                    }
                }
                List<Integer> actual = new ArrayList<>();
                for (int k = w.start()[window]; k < w.start()[window + 1]; k++) {
                    actual.add(w.entries()[k]);
                }
                assertThat(actual).as("window %d of %d entries, %d bits", window, size, bits).isEqualTo(expected);
            }
        }
    }

    private static int[] shuffled(int size, SplittableRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }
}
