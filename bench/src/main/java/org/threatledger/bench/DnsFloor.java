package org.threatledger.bench;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The floor under a dns hunt on this machine: the least work a hunt of a Zeek dns.log must do,
 * written as one bare loop with none of ThreatLedger's code, so the hunt's own figures can be read
 * against what a single core can do at all. Each stage adds work to the one before:
 * <ol>
 *   <li>{@code split}: read the file (128 KB at a time) and find every line, eight bytes a step;</li>
 *   <li>{@code columns}: also parse the time and find the query and answers columns (fixed
 *       positions 9 and 21, eight bytes a step);</li>
 *   <li>{@code normalise}: also lower and check each query and answer (host name or IPv4) and copy
 *       it, with its time, into a batch as a hunt hands values to its history;</li>
 *   <li>{@code lookup}: also look each name and its parent domains up in an open-addressing table
 *       of the indicators behind a blocked Bloom filter, as the matcher does.</li>
 * </ol>
 * It does not parse IPv6 answers (they are counted as names and rejected at the first colon),
 * check field counts or control bytes, handle escapes, count errors, record anything in a history
 * or write sightings: a hunt must do all of that on top. Prints thread-CPU seconds and lines per
 * CPU-second per stage, five rounds each (the first includes compilation). Not a test.
 * <pre>
 * ./mvnw -B -q -pl bench -am package -DskipTests
 * java -cp bench/target/benchmarks.jar org.threatledger.bench.DnsFloor /tmp/threatledger-bench-dns.log \
 *      /tmp/threatledger-bench-indicators.txt
 * </pre>
 * The files are those of {@code bench/scripts/hunt.sh} (a dns.log, and one indicator domain a line).
 */
public final class DnsFloor {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final String[] STAGES = {"split", "columns", "normalise", "lookup"};
    private static final int QUERY_COLUMN = 9;
    private static final int ANSWERS_COLUMN = 21;
    private static final long TAG = 0xffff_ffff_0000_0000L;

    private final int stage;
    private final long[] slots;
    private final long[] bloom;
    private final byte[] arena;
    private final int[] keyStart;
    private final byte[] lowered = new byte[256];
    private final byte[] batch = new byte[1 << 20];
    private final long[] batchTimes = new long[8192];
    private int batchBytes;
    private int batchValues;
    private long lines;
    private long values;
    private long hits;
    private long checksum;

    private DnsFloor(int stage, byte[] indicators) {
        this.stage = stage;
        int count = 0;
        for (byte b : indicators) {
            count += b == '\n' ? 1 : 0;
        }
        slots = new long[Integer.highestOneBit(Math.max(2, count) * 2 - 1) << 1];
        bloom = new long[Math.max(8, (count * 10 / 512 + 1) * 8)];
        arena = indicators;
        keyStart = new int[count];
        int key = 0;
        for (int start = 0, i = 0; i < indicators.length; i++) {
            if (indicators[i] == '\n') {
                if (i > start) {
                    keyStart[key] = start;
                    add(key++, start, i);
                }
                start = i + 1;
            }
        }
    }

    public static void main(String[] args) throws IOException {
        Path log = Path.of(args[0]);
        byte[] indicators = Files.readAllBytes(Path.of(args[1]));
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        for (int stage = 0; stage < STAGES.length; stage++) {
            DnsFloor floor = new DnsFloor(stage, indicators);
            for (int round = 1; round <= 5; round++) {
                floor.lines = floor.values = floor.hits = 0;
                long t0 = cpu.getCurrentThreadCpuTime();
                floor.read(log);
                double seconds = (cpu.getCurrentThreadCpuTime() - t0) / 1e9;
                System.out.printf("%-9s round %d: %.3f s CPU, %,.0f lines per CPU-second (%,d lines, %,d values, %,d hits)%n",
                        STAGES[stage], round, seconds, floor.lines / seconds, floor.lines, floor.values, floor.hits);
            }
            if (floor.checksum == 42) {
                System.out.println(); // keeps the work observable
            }
        }
    }

    private void read(Path log) throws IOException {
        try (FileChannel ch = FileChannel.open(log)) {
            byte[] buf = new byte[1 << 17];
            ByteBuffer bb = ByteBuffer.wrap(buf);
            int have = 0;
            while (true) {
                bb.clear().position(have);
                int read = ch.read(bb);
                if (read < 0) {
                    break;
                }
                have += read;
                int start = 0;
                for (int nl = find(buf, 0, have, 0x0a0a0a0a0a0a0a0aL); nl < have; nl = find(buf, start, have, 0x0a0a0a0a0a0a0a0aL)) {
                    line(buf, start, nl);
                    start = nl + 1;
                }
                System.arraycopy(buf, start, buf, 0, have - start);
                have -= start;
            }
        }
    }

    /** The first position of the byte repeated in {@code pattern} in {@code b[from, to)}, or {@code to}. */
    private static int find(byte[] b, int from, int to, long pattern) {
        int i = from;
        for (; i + 8 <= to; i += 8) {
            long x = (long) LONGS.get(b, i) ^ pattern;
            long zero = (x - 0x0101010101010101L) & ~x & 0x8080808080808080L;
            if (zero != 0) {
                return i + (Long.numberOfTrailingZeros(zero) >>> 3);
            }
        }
        while (i < to && b[i] != (byte) pattern) {
            i++;
        }
        return i;
    }

    private void line(byte[] b, int from, int to) {
        lines++;
        if (stage == 0 || from == to || b[from] == '#') {
            checksum += to - from;
            return;
        }
        long seconds = 0;
        int i = from;
        for (; i < to && b[i] >= '0' && b[i] <= '9'; i++) {
            seconds = seconds * 10 + b[i] - '0';
        }
        int micros = 0;
        int digits = 0;
        if (i < to && b[i] == '.') {
            for (i++; i < to && b[i] >= '0' && b[i] <= '9'; i++, digits++) {
                micros = digits < 6 ? micros * 10 + b[i] - '0' : micros;
            }
        }
        for (; digits < 6; digits++) {
            micros *= 10;
        }
        long time = seconds * 1_000_000 + micros;
        for (int column = 0; column < QUERY_COLUMN; column++) {
            i = find(b, i, to, 0x0909090909090909L) + 1;
        }
        int queryEnd = find(b, i, to, 0x0909090909090909L);
        int answers = queryEnd;
        for (int column = QUERY_COLUMN; column < ANSWERS_COLUMN; column++) {
            answers = find(b, answers, to, 0x0909090909090909L) + 1;
        }
        int answersEnd = find(b, answers, to, 0x0909090909090909L);
        if (stage == 1) {
            checksum += i + answers + time;
            return;
        }
        name(b, i, queryEnd, time);
        if (answersEnd - answers == 1 && b[answers] == '-') {
            return;
        }
        for (int start = answers, k = answers; k <= answersEnd; k++) {
            if (k == answersEnd || b[k] == ',') {
                if (ipv4(b, start, k)) {
                    values++;
                    feed(b, start, k, time);
                } else {
                    name(b, start, k, time);
                }
                start = k + 1;
            }
        }
    }

    /** Lowers and checks a host name, feeds it, and (last stage) looks it and its parents up. */
    private void name(byte[] b, int from, int to, long time) {
        int n = to - from;
        if (n == 0 || n > 253) {
            return;
        }
        for (int i = 0; i < n; i++) {
            int c = b[from + i];
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            } else if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_')) {
                return;
            }
            lowered[i] = (byte) c;
        }
        values++;
        feed(lowered, 0, n, time);
        if (stage < 3) {
            return;
        }
        long h = 0;
        for (int i = n - 1; i >= -1; i--) {
            if (i < 0 || lowered[i] == '.') {
                if (isIndicator(mix(h), i + 1, n)) {
                    hits++;
                    return;
                }
            }
            if (i >= 0) {
                h = h * 0x100000001b3L + lowered[i];
            }
        }
    }

    private static boolean ipv4(byte[] b, int from, int to) {
        int n = to - from;
        if (n < 7 || n > 15) {
            return false;
        }
        int dots = 0;
        int digits = 0;
        int octet = 0;
        for (int i = from; i < to; i++) {
            int c = b[i];
            if (c == '.') {
                if (digits == 0) {
                    return false;
                }
                dots++;
                digits = 0;
                octet = 0;
            } else if (c >= '0' && c <= '9') {
                octet = octet * 10 + c - '0';
                if (++digits > 3 || octet > 255) {
                    return false;
                }
            } else {
                return false;
            }
        }
        return dots == 3 && digits > 0;
    }

    /** Copies a value and its time into the batch, as a hunt hands values to its history. */
    private void feed(byte[] b, int from, int to, long time) {
        int n = to - from;
        if (batchBytes + n + 1 > batch.length || batchValues == batchTimes.length) {
            checksum += batchBytes;
            batchBytes = 0;
            batchValues = 0;
        }
        batch[batchBytes++] = (byte) n;
        System.arraycopy(b, from, batch, batchBytes, n);
        batchBytes += n;
        batchTimes[batchValues++] = time;
    }

    private void add(int key, int from, int to) {
        long h = 0;
        for (int i = to - 1; i >= from; i--) {
            h = h * 0x100000001b3L + arena[i];
        }
        h = mix(h);
        int mask = slots.length - 1;
        int i = (int) h & mask;
        while (slots[i] != 0) {
            i = (i + 1) & mask;
        }
        slots[i] = (h & TAG) | (key + 1L);
        int block = blockOf(h);
        bloom[block + (int) (h >>> 6 & 7)] |= 1L << h;
        bloom[block + (int) (h >>> 12 & 7)] |= 1L << (h >>> 18);
    }

    /**
     * Whether {@code lowered[from, to)} is an indicator: the Bloom filter (two bits in one cache
     * line), then the slots; a key is the line at {@code keyStart[key]}, ended by its newline.
     */
    private boolean isIndicator(long h, int from, int to) {
        int block = blockOf(h);
        if ((bloom[block + (int) (h >>> 6 & 7)] & 1L << h) == 0 || (bloom[block + (int) (h >>> 12 & 7)] & 1L << (h >>> 18)) == 0) {
            return false;
        }
        int mask = slots.length - 1;
        for (int i = (int) h & mask; slots[i] != 0; i = (i + 1) & mask) {
            if ((slots[i] & TAG) == (h & TAG)) {
                int key = (int) slots[i] - 1;
                int start = keyStart[key];
                int end = start + to - from;
                if (end < arena.length && arena[end] == '\n' && Arrays.equals(arena, start, end, lowered, from, to)) {
                    return true;
                }
            }
        }
        return false;
    }

    private int blockOf(long h) {
        return (int) (((h >>> 32) * (bloom.length / 8)) >>> 32) * 8;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return h;
    }
}
