package org.threatledger.history;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * An open, immutable segment file (format in {@link SegmentWriter}). The sparse index, sensor
 * names and Bloom filter are held in memory (~1.3 bytes per entry for the filter, one key per
 * 16 KB block for the index); blocks are read from the file on demand through a {@link Cursor}.
 */
final class Segment implements AutoCloseable {
    final SegmentName name;
    final Path path;
    final long entries;
    final long minFirst;
    final long maxLast;
    final long fileBytes;
    private final FileChannel channel;
    private final byte[][] firstKeys;
    private final long[] offsets;
    private final int[] compressedLengths;
    private final int[] rawLengths;
    private final String[] sensors;
    private final Bloom bloom;
    /** True when a block whose stored length equals its raw length is stored uncompressed (TLH3 on). */
    private final boolean storedBlocks;
    /** The format (the trailer's magic number), which says how the Bloom filter hashes keys. */
    private final int magic;

    private Segment(SegmentName name, Path path, FileChannel channel, Buf.In meta, long fileBytes, int magic) {
        this.name = name;
        this.storedBlocks = magic == SegmentWriter.MAGIC || magic == SegmentWriter.MAGIC_V3;
        this.magic = magic;
        boolean blockedBloom = magic != SegmentWriter.MAGIC_V1;
        this.path = path;
        this.channel = channel;
        this.fileBytes = fileBytes;
        int blocks = meta.varInt();
        firstKeys = new byte[blocks][];
        offsets = new long[blocks];
        compressedLengths = new int[blocks];
        rawLengths = new int[blocks];
        for (int i = 0; i < blocks; i++) {
            firstKeys[i] = meta.bytes(meta.varInt());
            offsets[i] = meta.var();
            compressedLengths[i] = meta.varInt();
            rawLengths[i] = meta.varInt();
        }
        sensors = new String[meta.varInt()];
        for (int i = 0; i < sensors.length; i++) {
            sensors[i] = new String(meta.bytes(meta.varInt()), StandardCharsets.UTF_8);
        }
        entries = meta.var();
        minFirst = meta.signed();
        maxLast = meta.signed();
        long[] words = new long[meta.varInt()];
        for (int i = 0; i < words.length; i++) {
            words[i] = meta.fixedLong();
        }
        bloom = new Bloom(words, blockedBloom);
    }

    /** Opens a segment, checking its trailer and the CRC of its meta section. */
    static Segment open(Path path, SegmentName name) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            long size = ch.size();
            if (size < 4 + SegmentWriter.TRAILER_BYTES) {
                throw new IOException(path + ": not a history segment (only " + size + " bytes)");
            }
            ByteBuffer trailer = read(ch, size - SegmentWriter.TRAILER_BYTES, SegmentWriter.TRAILER_BYTES);
            long metaOffset = trailer.getLong();
            int metaLength = Math.toIntExact(trailer.getLong());
            int crc = trailer.getInt();
            int magic = trailer.getInt();
            if (magic != SegmentWriter.MAGIC && magic != SegmentWriter.MAGIC_V3 && magic != SegmentWriter.MAGIC_V2
                    && magic != SegmentWriter.MAGIC_V1 || metaOffset + metaLength + SegmentWriter.TRAILER_BYTES != size) {
                throw new IOException(path + ": not a history segment (bad trailer)");
            }
            byte[] meta = read(ch, metaOffset, metaLength).array();
            CRC32 check = new CRC32();
            check.update(meta);
            if ((int) check.getValue() != crc) {
                throw new IOException(path + ": history segment index is corrupt (CRC mismatch)");
            }
            return new Segment(name, path, ch, new Buf.In(meta, 0, meta.length), size, magic);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static ByteBuffer read(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new IOException("unexpected end of file at " + (position + b.position()));
            }
        }
        return b.flip();
    }

    boolean mightContain(byte[] key) {
        return bloom.mightContain(SegmentWriter.bloomHash(magic, key, 0, key.length));
    }

    /** The block that would hold {@code key}: the last whose first key is <= it, or -1. */
    int blockFor(byte[] key) {
        int lo = 0;
        int hi = firstKeys.length - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Keys.compare(firstKeys[mid], key) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    int blocks() {
        return firstKeys.length;
    }

    /** A reader that keeps the last block it decoded (lookups in key order reuse it). */
    Cursor cursor() {
        return new Cursor();
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** Walks the entries of blocks; not thread-safe. */
    final class Cursor {
        private final Inflater inflater = new Inflater();
        private int cachedBlock = -1;
        private byte[] raw = new byte[0];
        private byte[] compressed = new byte[0];
        private int block;
        private Buf.In in;
        private byte[] key = new byte[64];
        private int keyLength;
        private long first;
        private long last;
        private long count;
        private int[] sensorIds = new int[Entry.MAX_SENSORS];
        private int sensorCount;
        private boolean more;
        private boolean positioned;

        /** Positions before the first entry of block {@code b}. */
        void seekBlock(int b) throws IOException {
            block = b;
            if (b != cachedBlock) {
                int len = compressedLengths[b];
                if (compressed.length < len) {
                    compressed = new byte[len];
                }
                ByteBuffer buf = ByteBuffer.wrap(compressed, 0, len);
                while (buf.hasRemaining()) {
                    if (channel.read(buf, offsets[b] + buf.position()) < 0) {
                        throw new IOException(path + ": truncated block " + b);
                    }
                }
                if (raw.length < rawLengths[b]) {
                    raw = new byte[rawLengths[b]];
                }
                if (storedBlocks && len == rawLengths[b]) {
                    System.arraycopy(compressed, 0, raw, 0, len);
                } else {
                    inflate(b, len);
                }
                cachedBlock = b;
            }
            in = new Buf.In(raw, 0, rawLengths[b]);
            keyLength = 0;
            positioned = false;
        }

        private void inflate(int b, int len) throws IOException {
            inflater.reset();
            inflater.setInput(compressed, 0, len);
            try {
                int n = 0;
                while (n < rawLengths[b]) {
                    int got = inflater.inflate(raw, n, rawLengths[b] - n);
                    if (got == 0 && (inflater.finished() || inflater.needsInput())) {
                        throw new IOException(path + ": block " + b + " is short");
                    }
                    n += got;
                }
            } catch (DataFormatException e) {
                throw new IOException(path + ": block " + b + " is corrupt", e);
            }
        }

        /** Decodes the next entry, moving on to the next block at the end of one; false at the end. */
        boolean next() throws IOException {
            while (in == null || !in.more()) {
                int nextBlock = in == null ? 0 : block + 1;
                if (nextBlock >= firstKeys.length) {
                    return false;
                }
                seekBlock(nextBlock);
            }
            int shared = in.varInt();
            int rest = in.varInt();
            if (shared + rest > key.length) {
                key = Arrays.copyOf(key, Math.max(key.length * 2, shared + rest));
            }
            System.arraycopy(in.b, in.pos, key, shared, rest);
            in.pos += rest;
            keyLength = shared + rest;
            positioned = true;
            first = in.signed();
            last = first + in.var();
            count = in.var();
            long s = in.var();
            more = (s & 1) != 0;
            sensorCount = (int) (s >>> 1);
            for (int i = 0; i < sensorCount; i++) {
                sensorIds[i] = in.varInt();
            }
            return true;
        }

        /** Compares the current key with {@code other} (unsigned bytes). */
        int compareKey(byte[] other) {
            return compareKey(other, other.length);
        }

        /** Compares the current key with {@code other[0, length)} (unsigned bytes). */
        int compareKey(byte[] other, int length) {
            return Arrays.compareUnsigned(key, 0, keyLength, other, 0, length);
        }

        /** Orders cursors by their current keys. */
        int compareKeyWith(Cursor other) {
            return Arrays.compareUnsigned(key, 0, keyLength, other.key, 0, other.keyLength);
        }

        /** True when the current key starts with {@code prefix}. */
        boolean keyStartsWith(byte[] prefix) {
            return keyLength >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
        }

        /** The byte after {@code n} bytes of the current key, or -1 at its end. */
        int keyByteAt(int n) {
            return n < keyLength ? key[n] & 0xff : -1;
        }

        /** The current key: {@link #keyBytes()}{@code [0, keyLength())}, valid until the next move. */
        byte[] keyBytes() {
            return key;
        }

        int keyLength() {
            return keyLength;
        }

        long first() {
            return first;
        }

        long last() {
            return last;
        }

        long count() {
            return count;
        }

        /** The current entry's sensors as this segment numbers them ({@link #sensorNames()}), {@link #sensorCount()} of them. */
        int[] sensorIds() {
            return sensorIds;
        }

        int sensorCount() {
            return sensorCount;
        }

        /** Whether the current entry was seen by more sensors than it names. */
        boolean moreSensors() {
            return more;
        }

        /** The names of this segment's sensors, by number. */
        String[] sensorNames() {
            return sensors;
        }

        /** The current entry as a record. */
        Entry entry() {
            List<String> names = new ArrayList<>(sensorCount);
            for (int i = 0; i < sensorCount; i++) {
                names.add(sensors[sensorIds[i]]);
            }
            return new Entry(Arrays.copyOf(key, keyLength), first, last, count, names, more);
        }

        /**
         * The entry with exactly {@code k}, or null. Keys asked in increasing order continue from
         * where the previous one stopped, so a sorted batch reads each block once (a merge join).
         */
        Entry find(byte[] k) throws IOException {
            if (!mightContain(k)) {
                return null;
            }
            int b = blockFor(k);
            if (b < 0) {
                return null;
            }
            if (b != block || in == null || !positioned || compareKey(k) > 0) {
                seekBlock(b);
            }
            while (true) {
                if (positioned) {
                    int c = compareKey(k);
                    if (c == 0) {
                        return entry();
                    }
                    if (c > 0) {
                        return null;
                    }
                }
                if (!in.more()) {
                    return null;
                }
                next();
            }
        }

        void close() {
            inflater.end();
        }
    }
}
