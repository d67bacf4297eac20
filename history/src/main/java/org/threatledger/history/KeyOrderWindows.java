package org.threatledger.history;

import java.util.Arrays;

/**
 * Entry numbers grouped by the window of {@code 2^bits} key-order positions their position falls
 * in, for a flush that moves entries into key order window by window ({@link MemTable#writeTo}):
 * window {@code w} holds {@code entries[start[w], start[w + 1])}, in table order, and
 * {@code position[e]} is entry {@code e}'s place in key order.
 */
record KeyOrderWindows(int[] position, int[] start, int[] entries) {
    /** The windows of the key order {@code order[0, size)} (entry numbers, first key first). */
    static KeyOrderWindows of(int[] order, int size, int bits) {
        int[] position = new int[size];
        for (int i = 0; i < size; i++) {
            position[order[i]] = i;
        }
        int count = (size + (1 << bits) - 1) >>> bits;
        int[] start = new int[count + 1];
        for (int e = 0; e < size; e++) {
            start[(position[e] >>> bits) + 1]++;
        }
        for (int w = 0; w < count; w++) {
            start[w + 1] += start[w];
        }
        int[] entries = new int[size];
        int[] fill = Arrays.copyOf(start, count);
        for (int e = 0; e < size; e++) {
            entries[fill[position[e] >>> bits]++] = e;
        }
        return new KeyOrderWindows(position, start, entries);
    }

    int count() {
        return start.length - 1;
    }
}
