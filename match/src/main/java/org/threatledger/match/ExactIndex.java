package org.threatledger.match;

import java.util.Arrays;

/**
 * Exact-value index over primitive arrays: open addressing with linear probing.
 *
 * <p>Layout, chosen for the memory target (<= 64 bytes per domain indicator) and for lookups
 * without allocation:
 * <ul>
 *   <li>{@code slots}: one long per slot, the hash's upper 32 bits as fingerprint and the key
 *       number + 1 below (bit 31 set when some posting of the key matches subdomains); 0 is empty.
 *       A probe touches one cache line, and only a fingerprint match reads the key.</li>
 *   <li>{@code arena}: every key's bytes back to back (kind, port for port kinds, then the
 *       characters, one byte for ASCII, two or three for others); {@code keyStart} gives the
 *       offsets. A probe verifies the key against the observed characters in place.</li>
 *   <li>{@code keyPosting}: the key's single posting, or {@code ~offset} into {@code pool}
 *       ({@code count, posting...}) when several indicators share the value. A posting is
 *       {@code ordinal << 2 | flags}.</li>
 * </ul>
 * The table is sized to a load factor between 3/8 and 3/4.
 *
 * <p>A large index also has a {@link BlockedBloom} filter over the key hashes (10 bits a key, all
 * seven probes in one 64-byte block): about 1.2 MB for a million keys, which stays in the core's cache
 * while the 16 MB of slots does not. Almost every observed value is in no list, and the filter
 * turns it away without the slot read that would miss the cache.
 */
final class ExactIndex {
    /** the value itself matches */
    static final int EXACT = 1;
    /** subdomains of the value match ({@code a.b.evil.com} for {@code evil.com}) */
    static final int SUBDOMAINS = 2;
    private static final long SUB_BIT = 1L << 31;
    private static final int KEY_MASK = 0x7fffffff;

    private final long[] slots;
    private final int mask;
    private final int[] keyStart;
    private final byte[] arena;
    private final int[] keyPosting;
    private final int[] pool;
    private final long kinds;
    private final boolean hasSubdomains;
    /** The {@link BlockedBloom} filter's words; null for a small index (its slots stay in cache anyway). */
    private final long[] filter;

    /** Keys from which an index has a filter. */
    static final int FILTER_FROM = 1 << 16;

    private ExactIndex(long[] slots, int[] keyStart, byte[] arena, int[] keyPosting, int[] pool, long kinds,
                       long[] filter) {
        this.filter = filter;
        this.slots = slots;
        this.mask = slots.length - 1;
        this.keyStart = keyStart;
        this.arena = arena;
        this.keyPosting = keyPosting;
        this.pool = pool;
        this.kinds = kinds;
        boolean sub = false;
        for (long slot : slots) {
            sub |= (slot & SUB_BIT) != 0;
        }
        this.hasSubdomains = sub;
    }

    /** Bit {@code k} is set when some key has kind {@code k}: lookups of absent kinds are skipped. */
    long kinds() {
        return kinds;
    }

    /** Whether some key has a posting for subdomains. */
    boolean hasSubdomains() {
        return hasSubdomains;
    }

    /** Whether some key has this kind. */
    boolean has(int kind) {
        return (kinds & Kind.bit(kind)) != 0;
    }

    /** The key {@code (kind, port, s[from, to))} with hash {@code hash}, or -1. */
    int find(int kind, int port, String s, int from, int to, long hash) {
        return find(kind, port, s, from, to, hash, 0);
    }

    /** Like {@link #find}, but only keys with a subdomain posting (the parent-domain walk). */
    int findWithSubdomains(int kind, String s, int from, int to, long hash) {
        return find(kind, 0, s, from, to, hash, SUB_BIT);
    }

    /** {@link #find} among the slots that have the bits {@code need}. */
    private int find(int kind, int port, String s, int from, int to, long hash, long need) {
        if (filter != null && !BlockedBloom.mightContain(filter, hash)) {
            return -1;
        }
        int fingerprint = (int) (hash >>> 32);
        for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == fingerprint && (slot & need) == need) {
                int key = ((int) slot & KEY_MASK) - 1;
                if (matches(arena, keyStart, key, kind, port, s, from, to)) {
                    return key;
                }
            }
        }
    }

    /**
     * {@link #find} or {@link #findWithSubdomains} (when {@code subdomainsOnly}) of a key of a kind
     * without port whose value is the ASCII bytes {@code b[from, to)}.
     */
    int findAscii(int kind, byte[] b, int from, int to, long hash, boolean subdomainsOnly) {
        if (filter != null && !BlockedBloom.mightContain(filter, hash)) {
            return -1;
        }
        int fingerprint = (int) (hash >>> 32);
        long need = subdomainsOnly ? SUB_BIT : 0;
        for (int i = (int) hash & mask; ; i = (i + 1) & mask) {
            long slot = slots[i];
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == fingerprint && (slot & need) == need) {
                int key = ((int) slot & KEY_MASK) - 1;
                int p = keyStart[key];
                if (arena[p] == kind && Arrays.equals(arena, p + 1, keyStart[key + 1], b, from, to)) {
                    return key;
                }
            }
        }
    }

    private static boolean matches(byte[] arena, int[] keyStart, int key, int kind, int port,
            String s, int from, int to) {
        int p = keyStart[key];
        int end = keyStart[key + 1];
        if (arena[p++] != kind) {
            return false;
        }
        if (Kind.hasPort(kind)) {
            if ((((arena[p] & 0xff) << 8) | (arena[p + 1] & 0xff)) != port) {
                return false;
            }
            p += 2;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                if (p >= end || arena[p] != c) {
                    return false;
                }
                p++;
            } else {
                int n = c < 0x800 ? 2 : 3;
                if (end - p < n || !sameChar(arena, c, p, n)) {
                    return false;
                }
                p += n;
            }
        }
        return p == end;
    }

    private static boolean sameChar(byte[] arena, char c, int p, int n) {
        if (n == 2) {
            return arena[p] == (byte) (0xc0 | c >> 6) && arena[p + 1] == (byte) (0x80 | (c & 0x3f));
        }
        return arena[p] == (byte) (0xe0 | c >> 12) && arena[p + 1] == (byte) (0x80 | ((c >> 6) & 0x3f))
                && arena[p + 2] == (byte) (0x80 | (c & 0x3f));
    }

    /** How many postings the key has. */
    int postingCount(int key) {
        int p = keyPosting[key];
        return p >= 0 ? 1 : pool[~p];
    }

    /** The key's {@code i}-th posting: {@code ordinal << 2 | flags}. */
    int posting(int key, int i) {
        int p = keyPosting[key];
        return p >= 0 ? p : pool[~p + 1 + i];
    }

    /** Number of distinct keys. */
    int keyCount() {
        return keyPosting.length;
    }

    /** The key's kind. */
    int kind(int key) {
        return arena[keyStart[key]];
    }

    /** The key's port, or -1 for kinds without one. */
    int port(int key) {
        int p = keyStart[key];
        return Kind.hasPort(arena[p]) ? ((arena[p + 1] & 0xff) << 8) | (arena[p + 2] & 0xff) : -1;
    }

    /** The key's value, decoded from the arena (allocates; for reporting, not for matching). */
    String value(int key) {
        int p = keyStart[key];
        p += Kind.hasPort(arena[p]) ? 3 : 1;
        int end = keyStart[key + 1];
        StringBuilder sb = new StringBuilder(end - p);
        while (p < end) {
            int b = arena[p] & 0xff;
            if (b < 0x80) {
                sb.append((char) b);
                p++;
            } else if (b < 0xe0) {
                sb.append((char) (((b & 0x1f) << 6) | (arena[p + 1] & 0x3f)));
                p += 2;
            } else {
                sb.append((char) (((b & 0x0f) << 12) | ((arena[p + 1] & 0x3f) << 6) | (arena[p + 2] & 0x3f)));
                p += 3;
            }
        }
        return sb.toString();
    }

    /** Bytes held by the index arrays. */
    long bytes() {
        return 8L * slots.length + 4L * keyStart.length + arena.length + 4L * keyPosting.length + 4L * pool.length
                + (filter == null ? 0 : 8L * filter.length);
    }

    /** Writes the index's arrays ({@link SetImage}). */
    void write(SetImage.Out out) {
        out.longs(slots);
        out.ints(keyStart);
        out.bytes(arena);
        out.ints(keyPosting);
        out.ints(pool);
        out.i64(kinds);
        out.longsOrNull(filter);
    }

    /**
     * Reads what {@link #write} wrote, and checks it: the arrays must fit together, and a sample of
     * up to {@value #CHECKED_KEYS} keys, hashed again from their bytes, must be found where they are.
     * A failed check is an {@link IllegalStateException}.
     */
    static ExactIndex read(SetImage.In in) {
        long[] slots = in.longs();
        int[] keyStart = in.ints();
        byte[] arena = in.bytes();
        int[] keyPosting = in.ints();
        int[] pool = in.ints();
        long kinds = in.i64();
        long[] filter = in.longsOrNull();
        int keys = keyPosting.length;
        if (Integer.bitCount(slots.length) != 1 || keyStart.length != keys + 1 || keys >= slots.length
                || keyStart[0] != 0 || keyStart[keys] != arena.length) {
            throw new IllegalStateException("exact index: the arrays do not fit together");
        }
        for (int key = 0; key < keys; key++) {
            if (keyStart[key] >= keyStart[key + 1] || keyPosting[key] < 0 && ~keyPosting[key] >= pool.length) {
                throw new IllegalStateException("exact index: key " + key + " is out of bounds");
            }
        }
        ExactIndex index = new ExactIndex(slots, keyStart, arena, keyPosting, pool, kinds, filter);
        for (int i = 0, step = Math.max(1, keys / CHECKED_KEYS); i < keys; i += step) {
            if (!index.findsItself(i)) {
                throw new IllegalStateException("exact index: key " + i + " is not found under its hash");
            }
        }
        return index;
    }

    /** Keys looked up again when an index is read: enough to notice a changed hash or key layout. */
    static final int CHECKED_KEYS = 64;

    /** Whether looking up key {@code key} by its value finds it. */
    private boolean findsItself(int key) {
        int kind = kind(key);
        int port = Kind.hasPort(kind) ? port(key) : 0;
        String v = value(key);
        return find(kind, port, v, 0, v.length(), KeyHash.of(kind, port, v, 0, v.length())) == key;
    }

    /** Collects keys and their postings; {@link #build} sizes the final arrays exactly. */
    static final class Builder {
        private long[] table = new long[64];
        private int keys;
        private int[] keyStart = new int[64];
        private byte[] arena = new byte[1024];
        private int arenaLength;
        private long[] keyHash = new long[64];
        private int[] head = new int[64];
        private int[] tail = new int[64];
        private int[] postingValue = new int[64];
        private int[] postingNext = new int[64];
        private int postings;
        private long kinds;

        /** Adds a posting for the key {@code (kind, port, value)} and returns the key; {@code port} is ignored for kinds without one. */
        int add(int kind, int port, String value, int posting) {
            int p = Kind.hasPort(kind) ? port : 0;
            long hash = KeyHash.of(kind, p, value, 0, value.length());
            int key = findOrAdd(kind, p, value, hash);
            if (postings == postingValue.length) {
                postingValue = Arrays.copyOf(postingValue, postings * 2);
                postingNext = Arrays.copyOf(postingNext, postings * 2);
            }
            postingValue[postings] = posting;
            postingNext[postings] = -1;
            if (head[key] < 0) {
                head[key] = postings;
            } else {
                postingNext[tail[key]] = postings;
            }
            tail[key] = postings++;
            kinds |= Kind.bit(kind);
            return key;
        }

        private int findOrAdd(int kind, int port, String value, long hash) {
            int fingerprint = (int) (hash >>> 32);
            int mask = table.length - 1;
            int i = (int) hash & mask;
            for (; table[i] != 0; i = (i + 1) & mask) {
                if ((int) (table[i] >>> 32) == fingerprint) {
                    int key = (int) table[i] - 1;
                    if (matches(arena, keyStart, key, kind, port, value, 0, value.length())) {
                        return key;
                    }
                }
            }
            int key = newKey(kind, port, value, hash);
            table[i] = ((long) fingerprint << 32) | (key + 1);
            if (keys * 2 > table.length) {
                table = rehash(table.length * 2, false);
            }
            return key;
        }

        private int newKey(int kind, int port, String value, long hash) {
            if (keys + 1 >= keyStart.length) {
                int n = keyStart.length * 2;
                keyStart = Arrays.copyOf(keyStart, n);
                keyHash = Arrays.copyOf(keyHash, n);
                head = Arrays.copyOf(head, n);
                tail = Arrays.copyOf(tail, n);
            }
            ensureArena(3 + 3 * value.length());
            keyStart[keys] = arenaLength;
            arena[arenaLength++] = (byte) kind;
            if (Kind.hasPort(kind)) {
                arena[arenaLength++] = (byte) (port >> 8);
                arena[arenaLength++] = (byte) port;
            }
            for (int i = 0; i < value.length(); i++) {
                encode(value.charAt(i));
            }
            keyStart[keys + 1] = arenaLength;
            keyHash[keys] = hash;
            head[keys] = -1;
            return keys++;
        }

        private void encode(char c) {
            if (c < 0x80) {
                arena[arenaLength++] = (byte) c;
            } else if (c < 0x800) {
                arena[arenaLength++] = (byte) (0xc0 | c >> 6);
                arena[arenaLength++] = (byte) (0x80 | (c & 0x3f));
            } else {
                arena[arenaLength++] = (byte) (0xe0 | c >> 12);
                arena[arenaLength++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                arena[arenaLength++] = (byte) (0x80 | (c & 0x3f));
            }
        }

        private void ensureArena(int extra) {
            if (arenaLength + extra > arena.length) {
                arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaLength + extra));
            }
        }

        private long[] rehash(int capacity, boolean subdomainBits) {
            long[] next = new long[capacity];
            int mask = capacity - 1;
            for (int key = 0; key < keys; key++) {
                long hash = keyHash[key];
                int i = (int) hash & mask;
                while (next[i] != 0) {
                    i = (i + 1) & mask;
                }
                long sub = subdomainBits && hasSubdomainPosting(key) ? SUB_BIT : 0;
                next[i] = (hash & 0xffffffff00000000L) | sub | (key + 1);
            }
            return next;
        }

        private boolean hasSubdomainPosting(int key) {
            for (int p = head[key]; p >= 0; p = postingNext[p]) {
                if ((postingValue[p] & SUBDOMAINS) != 0) {
                    return true;
                }
            }
            return false;
        }

        ExactIndex build() {
            int capacity = 2;
            while (capacity * 3L < keys * 4L) {
                capacity *= 2;
            }
            long[] slots = rehash(capacity, true);
            int[] keyPosting = new int[keys];
            int poolSize = 0;
            for (int key = 0; key < keys; key++) {
                if (postingNext[head[key]] >= 0) {
                    poolSize += 1 + count(key);
                }
            }
            int[] pool = new int[poolSize];
            int at = 0;
            for (int key = 0; key < keys; key++) {
                int first = head[key];
                if (postingNext[first] < 0) {
                    keyPosting[key] = postingValue[first];
                    continue;
                }
                keyPosting[key] = ~at;
                pool[at++] = count(key);
                for (int p = first; p >= 0; p = postingNext[p]) {
                    pool[at++] = postingValue[p];
                }
            }
            long[] filter = null;
            if (keys >= FILTER_FROM) {
                filter = BlockedBloom.words(keys);
                for (int key = 0; key < keys; key++) {
                    BlockedBloom.add(filter, keyHash[key]);
                }
            }
            return new ExactIndex(slots, Arrays.copyOf(keyStart, keys + 1), Arrays.copyOf(arena, arenaLength),
                    keyPosting, pool, kinds, filter);
        }

        private int count(int key) {
            int n = 0;
            for (int p = head[key]; p >= 0; p = postingNext[p]) {
                n++;
            }
            return n;
        }
    }
}
