package org.threatledger.history;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes one immutable segment: entries in strictly increasing key order, packed into ~16 KB
 * blocks (keys prefix-compressed against the previous key, then the block deflated at level 1, or
 * stored as it is: a block whose stored length equals its raw length is not deflated),
 * followed by a meta section (sparse index: each block's first key and place; the sensor names;
 * the Bloom filter; counts) and a trailer naming the meta section and its CRC-32.
 *
 * <p>A flush writes its blocks uncompressed: deflating cost about as much as sorting and encoding
 * together, on the thread a running hunt's history waits for. Merges, which run less often and
 * rewrite what flushes wrote, deflate, so the history on disk ends up compressed.
 *
 * <p>Crash safety: everything goes to {@code name.tmp}, which is fsynced, atomically renamed to
 * its final name, and the directory fsynced. A kill at any point leaves either no segment or a
 * whole one; {@link History#open} deletes stray {@code .tmp} files.
 */
final class SegmentWriter implements AutoCloseable {
    /**
     * Current segments: blocks may be stored uncompressed (stored length = raw length); the blocked
     * Bloom filter is over {@link Keys#bloomHash}, eight key bytes a step.
     */
    static final int MAGIC = 0x544c4834; // "TLH4"
    /** Segments as TLH4 but with the Bloom filter over {@link Keys#legacyHash} (a byte a step); still read. */
    static final int MAGIC_V3 = 0x544c4833; // "TLH3"
    /** Segments whose blocks are all deflated, with a blocked Bloom filter (one cache line per key); still read. */
    static final int MAGIC_V2 = 0x544c4832; // "TLH2"
    /** Earlier segments: the same layout with a classic Bloom filter (seven probes anywhere); still read. */
    static final int MAGIC_V1 = 0x544c4831; // "TLH1"
    static final int TRAILER_BYTES = 24;
    private static final int BLOCK_BYTES = 16 * 1024;

    private final Path tmp;
    private final Path target;
    private final FileChannel channel;
    private final OutputStream out;
    private long position;
    private final Bloom bloom;
    /** The format written: {@link #MAGIC}, or an earlier one for tests of reading it. */
    private final int magic;
    /**
     * Bloom hashes not yet set in the filter. They are set {@value #PENDING} at a time: each sets
     * bits in a random cache line of a filter of megabytes, and a loop of nothing but those lets the
     * processor wait for many of the misses at once, where one per entry between the encoding of
     * entries waited for each in turn.
     */
    private final long[] pending = new long[PENDING];
    private int pendingCount;
    private static final int PENDING = 1024;
    private final Map<String, Integer> sensorIds = new LinkedHashMap<>();
    private final Buf block = new Buf();
    private final Buf meta = new Buf();
    private final Buf index = new Buf();
    /** Null when blocks are stored uncompressed. */
    private final Deflater deflater;
    private byte[] compressed = new byte[BLOCK_BYTES * 2];
    private byte[] previousKey = new byte[64];
    private int previousLength = -1;
    private byte[] blockFirstKey;
    private final int[] sensorScratch = new int[Entry.MAX_SENSORS];
    private int blocks;
    private long entries;
    private long minFirst = Long.MAX_VALUE;
    private long maxLast = Long.MIN_VALUE;

    /** A writer that deflates its blocks. */
    SegmentWriter(Path target, long expectedEntries) throws IOException {
        this(target, expectedEntries, true);
    }

    /** A writer that deflates its blocks, or ({@code deflate} false) stores them as they are. */
    SegmentWriter(Path target, long expectedEntries, boolean deflate) throws IOException {
        this(target, expectedEntries, deflate, MAGIC);
    }

    /**
     * A writer of the format {@code magic}: {@link #MAGIC}, or {@link #MAGIC_V3} (its Bloom filter
     * over {@link Keys#legacyHash}) so tests can write the earlier format.
     */
    SegmentWriter(Path target, long expectedEntries, boolean deflate, int magic) throws IOException {
        if (magic != MAGIC && magic != MAGIC_V3) {
            throw new IllegalArgumentException("not a segment format that can be written: " + Integer.toHexString(magic));
        }
        this.magic = magic;
        this.target = target;
        this.deflater = deflate ? new Deflater(1) : null;
        this.tmp = target.resolveSibling(target.getFileName() + ".tmp");
        this.channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        this.bloom = Bloom.blocked(expectedEntries);
        writeInt(magic);
    }

    /** Appends an entry; keys must arrive in strictly increasing order. */
    void add(Entry e) throws IOException {
        int n = 0;
        for (String s : e.sensors) {
            sensorScratch[n++] = sensorId(s);
        }
        add(e.key, 0, e.key.length, e.first, e.last, e.count, sensorScratch, n, e.moreSensors);
    }

    /** This segment's number for a sensor name (numbers are given in order of first use). */
    int sensorId(String sensor) {
        return sensorIds.computeIfAbsent(sensor, k -> sensorIds.size());
    }

    /**
     * Appends the entry whose key is {@code key[off, off+len)}, seen by the sensors numbered
     * {@code sensors[0, sensorCount)} ({@link #sensorId}); keys must arrive in strictly increasing order.
     */
    void add(byte[] key, int off, int len, long first, long last, long count, int[] sensors, int sensorCount,
             boolean moreSensors) throws IOException {
        int common = 0;
        if (previousLength >= 0) {
            // one pass gives both the order check and the prefix shared with the previous key
            int max = Math.min(previousLength, len);
            while (common < max && previousKey[common] == key[off + common]) {
                common++;
            }
            boolean increasing = common < max
                    ? (previousKey[common] & 0xff) < (key[off + common] & 0xff)
                    : previousLength < len;
            if (!increasing) {
                throw new IllegalStateException("segment keys out of order at entry " + entries);
            }
        }
        int shared = 0;
        if (blockFirstKey == null) {
            blockFirstKey = java.util.Arrays.copyOfRange(key, off, off + len);
        } else {
            shared = common;
        }
        block.reserve(len + 10 * (6 + sensorCount));
        block.putVarReserved(shared);
        block.putVarReserved(len - shared);
        block.put(key, off + shared, len - shared);
        block.putSignedReserved(first);
        block.putVarReserved(last - first);
        block.putVarReserved(count);
        block.putVarReserved(((long) sensorCount << 1) | (moreSensors ? 1 : 0));
        for (int i = 0; i < sensorCount; i++) {
            block.putVarReserved(sensors[i]);
        }
        if (pendingCount == PENDING) {
            setPending();
        }
        pending[pendingCount++] = bloomHash(magic, key, off, len);
        if (previousKey.length < len) {
            previousKey = new byte[Math.max(len, previousKey.length * 2)];
        }
        System.arraycopy(key, off, previousKey, 0, len);
        previousLength = len;
        entries++;
        minFirst = Math.min(minFirst, first);
        maxLast = Math.max(maxLast, last);
        if (block.size >= BLOCK_BYTES) {
            endBlock();
        }
    }

    /**
     * The hash under which a segment of format {@code magic} keeps the key {@code key[off, off+len)}
     * in its Bloom filter: {@link Keys#bloomHash} since TLH4, {@link Keys#legacyHash} before.
     */
    static long bloomHash(int magic, byte[] key, int off, int len) {
        return magic == MAGIC ? Keys.bloomHash(key, off, len) : Keys.legacyHash(key, off, len);
    }

    private void setPending() {
        for (int i = 0; i < pendingCount; i++) {
            bloom.add(pending[i]);
        }
        pendingCount = 0;
    }

    private void endBlock() throws IOException {
        if (blockFirstKey == null) {
            return;
        }
        byte[] stored = block.bytes;
        int n = block.size;
        if (deflater != null) {
            int deflated = deflate();
            if (deflated < block.size) {
                stored = compressed;
                n = deflated;
            }
        }
        index.putVar(blockFirstKey.length);
        index.put(blockFirstKey, 0, blockFirstKey.length);
        index.putVar(position);
        index.putVar(n);
        index.putVar(block.size);
        blocks++;
        write(stored, n);
        block.clear();
        blockFirstKey = null;
    }

    /** Deflates the block into {@link #compressed}; returns the deflated length. */
    private int deflate() {
        deflater.reset();
        deflater.setInput(block.bytes, 0, block.size);
        deflater.finish();
        int n = 0;
        while (!deflater.finished()) {
            if (n == compressed.length) {
                compressed = java.util.Arrays.copyOf(compressed, compressed.length * 2);
            }
            n += deflater.deflate(compressed, n, compressed.length - n);
        }
        return n;
    }

    /** Ends the file, makes it durable and gives it its final name. */
    void commit() throws IOException {
        endBlock();
        setPending();
        long metaOffset = position;
        meta.putVar(blocks);
        meta.put(index.bytes, 0, index.size);
        meta.putVar(sensorIds.size());
        for (String s : sensorIds.keySet()) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            meta.putVar(b.length);
            meta.put(b, 0, b.length);
        }
        meta.putVar(entries);
        meta.putSigned(minFirst);
        meta.putSigned(maxLast);
        meta.putVar(bloom.words.length);
        meta.putLongs(bloom.words);
        write(meta.bytes, meta.size);
        CRC32 crc = new CRC32();
        crc.update(meta.bytes, 0, meta.size);
        ByteBuffer trailer = ByteBuffer.allocate(TRAILER_BYTES);
        trailer.putLong(metaOffset).putLong(meta.size).putInt((int) crc.getValue()).putInt(magic);
        write(trailer.array(), TRAILER_BYTES);
        out.flush();
        channel.force(true);
        channel.close();
        Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        History.syncDirectory(target.getParent());
    }

    long entries() {
        return entries;
    }

    private void writeInt(int v) throws IOException {
        write(ByteBuffer.allocate(4).putInt(v).array(), 4);
    }

    private void write(byte[] b, int len) throws IOException {
        out.write(b, 0, len);
        position += len;
    }

    /** Abandons an unfinished segment (its temp file is removed). */
    @Override
    public void close() throws IOException {
        if (deflater != null) {
            deflater.end();
        }
        if (channel.isOpen()) {
            channel.close();
            Files.deleteIfExists(tmp);
        }
    }
}
