package org.threatledger.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.store.KnowledgeStore;

/**
 * The store's current list entries kept in one binary file beside it, so a hunt against a million
 * entries reads them in a fraction of a second instead of row by row through JDBC (about 1.3 s per
 * million on SQLite). The file names the {@linkplain KnowledgeStore#entriesFingerprint fingerprint}
 * of the lists it holds; a hunt uses it only when the store's fingerprint is the same, and rewrites
 * it otherwise. It is derived data: a missing, stale, unreadable or corrupt file (checked by a
 * CRC-32 over all of it) is never an error, the entries are just read from the store again.
 *
 * <p>Format: {@code TLEC} and a version, the fingerprint, the list ids, the entries (list number,
 * type, value, port, subdomains, comment, reference, line; strings as length + 1 then UTF-8, 0 for
 * null; numbers as LEB128), and the CRC-32 of everything before it.
 */
final class EntryCache {
    static final String FILE = "list-entries.bin";
    private static final int MAGIC = 0x544c4543; // "TLEC"
    private static final int VERSION = 1;
    private static final IocType[] TYPES = IocType.values();

    private EntryCache() {}

    /**
     * The store's current entries: from {@code dir/list-entries.bin} when it is current, else from
     * the store (and then cached).
     */
    static List<IocEntry> entries(KnowledgeStore store, Path dir) {
        String fingerprint = store.entriesFingerprint();
        if (fingerprint == null) {
            return fromStore(store);
        }
        Path file = dir.resolve(FILE);
        List<IocEntry> cached = read(file, fingerprint);
        if (cached != null) {
            return cached;
        }
        List<IocEntry> entries = fromStore(store);
        write(dir, fingerprint, entries);
        return entries;
    }

    private static List<IocEntry> fromStore(KnowledgeStore store) {
        List<IocEntry> entries = new ArrayList<>();
        store.forEachEntry(entries::add);
        return entries;
    }

    /** The entries the file holds for {@code fingerprint}, or null when it holds others or cannot be read. */
    static List<IocEntry> read(Path file, String fingerprint) {
        byte[] b;
        try {
            b = Files.readAllBytes(file);
        } catch (IOException e) {
            return null;
        }
        if (b.length < 12) {
            return null;
        }
        try {
            In in = new In(b, b.length - 4);
            // a cache of other lists is told by its header, before the whole file is checked
            if (in.fixedInt() != MAGIC || in.varInt() != VERSION || !fingerprint.equals(in.string())) {
                return null;
            }
            CRC32 crc = new CRC32();
            crc.update(b, 0, b.length - 4);
            if ((int) crc.getValue() != ByteBuffer.wrap(b, b.length - 4, 4).getInt()) {
                return null;
            }
            String[] lists = new String[in.varInt()];
            for (int i = 0; i < lists.length; i++) {
                lists[i] = in.string();
            }
            int n = in.varInt();
            List<IocEntry> entries = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                String list = lists[in.varInt()];
                IocType type = TYPES[in.varInt()];
                String value = in.string();
                int port = in.varInt() - 1;
                boolean subdomains = in.varInt() != 0;
                entries.add(new IocEntry(list, type, value, port, subdomains, in.string(), in.string(), in.var()));
            }
            return in.pos == in.end ? entries : null;
        } catch (RuntimeException e) {
            return null; // a file of another build or a damaged one that passed the CRC: read the store
        }
    }

    /** Writes the file through a temporary one and an atomic rename; a failure only means no cache. */
    static void write(Path dir, String fingerprint, List<IocEntry> entries) {
        Out out = new Out();
        out.fixedInt(MAGIC);
        out.var(VERSION);
        out.string(fingerprint);
        Map<String, Integer> lists = new HashMap<>();
        List<String> listIds = new ArrayList<>();
        for (IocEntry e : entries) {
            lists.computeIfAbsent(e.listId(), id -> {
                listIds.add(id);
                return listIds.size() - 1;
            });
        }
        out.var(listIds.size());
        listIds.forEach(out::string);
        out.var(entries.size());
        for (IocEntry e : entries) {
            out.var(lists.get(e.listId()));
            out.var(e.type().ordinal());
            out.string(e.value());
            out.var(e.port() + 1L);
            out.var(e.subdomains() ? 1 : 0);
            out.string(e.comment());
            out.string(e.reference());
            out.var(e.line());
        }
        CRC32 crc = new CRC32();
        crc.update(out.bytes, 0, out.size);
        out.fixedInt((int) crc.getValue());
        CacheFiles.write(dir, FILE, out.bytes, out.size);
    }

    private static final class Out {
        byte[] bytes = new byte[1 << 16];
        int size;

        void ensure(int more) {
            if (size + more > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
            }
        }

        void fixedInt(int v) {
            ensure(4);
            for (int i = 3; i >= 0; i--) {
                bytes[size++] = (byte) (v >>> (8 * i));
            }
        }

        void var(long v) {
            ensure(10);
            while ((v & ~0x7fL) != 0) {
                bytes[size++] = (byte) ((v & 0x7f) | 0x80);
                v >>>= 7;
            }
            bytes[size++] = (byte) v;
        }

        void string(String s) {
            if (s == null) {
                var(0);
                return;
            }
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            var(b.length + 1L);
            ensure(b.length);
            System.arraycopy(b, 0, bytes, size, b.length);
            size += b.length;
        }
    }

    private static final class In {
        final byte[] b;
        final int end;
        int pos;

        In(byte[] b, int end) {
            this.b = b;
            this.end = end;
        }

        int fixedInt() {
            int v = 0;
            for (int i = 0; i < 4; i++) {
                v = v << 8 | (next() & 0xff);
            }
            return v;
        }

        long var() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte x = next();
                v |= (long) (x & 0x7f) << shift;
                if (x >= 0) {
                    return v;
                }
            }
            throw new IllegalStateException("overlong number at byte " + pos);
        }

        int varInt() {
            return Math.toIntExact(var());
        }

        String string() {
            int n = varInt();
            if (n == 0) {
                return null;
            }
            int len = n - 1;
            if (len > end - pos) {
                throw new IllegalStateException("string past the end at byte " + pos);
            }
            String s = new String(b, pos, len, StandardCharsets.UTF_8);
            pos += len;
            return s;
        }

        private byte next() {
            if (pos >= end) {
                throw new IllegalStateException("unexpected end at byte " + pos);
            }
            return b[pos++];
        }
    }
}
