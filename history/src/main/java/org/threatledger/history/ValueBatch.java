package org.threatledger.history;

import java.util.Arrays;
import org.threatledger.match.ObservationType;

/**
 * Observed values on their way to {@link History#recordAll(ValueBatch)}, column by column: each
 * value's UTF-8 bytes back to back in one arena, and its type, time and sensor in arrays. A hunt
 * fills one while the history records the one before, so a value travels as bytes copied once,
 * not as a String and an object of its own. Not thread-safe: one thread fills a batch, then hands
 * it over.
 */
public final class ValueBatch {
    private final int capacity;
    private byte[] arena = new byte[ARENA_START];
    private int arenaSize;
    private final int[] end;
    private final byte[] type;
    private final long[] micros;
    private final String[] sensor;
    private int size;

    /** A batch of up to {@code capacity} values. */
    public ValueBatch(int capacity) {
        this.capacity = capacity;
        end = new int[capacity];
        type = new byte[capacity];
        micros = new long[capacity];
        sensor = new String[capacity];
    }

    /** Adds a value given as text. */
    public void add(ObservationType t, String value, long timeMicros, String sensorName) {
        reserve(Utf8.length(value));
        arenaSize = Utf8.encode(value, arena, arenaSize);
        close(t, timeMicros, sensorName);
    }

    /**
     * Adds a value given as the bytes {@code b[from, to)}, which must be ASCII (the text the value
     * would be, one byte a character).
     */
    public void addAscii(ObservationType t, byte[] b, int from, int to, long timeMicros, String sensorName) {
        int n = to - from;
        reserve(n);
        System.arraycopy(b, from, arena, arenaSize, n);
        arenaSize += n;
        close(t, timeMicros, sensorName);
    }

    private void reserve(int n) {
        if (arenaSize + n > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaSize + n));
        }
    }

    private void close(ObservationType t, long timeMicros, String sensorName) {
        end[size] = arenaSize;
        type[size] = (byte) t.ordinal();
        micros[size] = timeMicros;
        sensor[size++] = sensorName;
    }

    /**
     * Whether the batch should be handed on: it holds {@code capacity} values, or more than
     * {@value #ARENA_LIMIT} bytes of them (long URLs or user agents), so a batch stays small.
     */
    public boolean isFull() {
        return size == capacity || arenaSize > ARENA_LIMIT;
    }

    /** Bytes of values past which a batch is full whatever its count. */
    static final int ARENA_LIMIT = 1 << 20;
    private static final int ARENA_START = 1 << 16;

    public int size() {
        return size;
    }

    /** Empties the batch for reuse; an arena that one very long value grew is let go. */
    public void clear() {
        Arrays.fill(sensor, 0, size, null);
        size = 0;
        arenaSize = 0;
        if (arena.length > 2 * ARENA_LIMIT) {
            arena = new byte[ARENA_START];
        }
    }

    byte[] arena() {
        return arena;
    }

    int start(int i) {
        return i == 0 ? 0 : end[i - 1];
    }

    int end(int i) {
        return end[i];
    }

    int typeOrdinal(int i) {
        return type[i];
    }

    long micros(int i) {
        return micros[i];
    }

    String sensor(int i) {
        return sensor[i];
    }
}
