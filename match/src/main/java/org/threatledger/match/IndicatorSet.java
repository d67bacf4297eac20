package org.threatledger.match;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.threatledger.pattern.Pattern;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;

/**
 * The compiled, immutable matching index (DESIGN glossary), built from list entries and STIX
 * indicators; indicators are numbered by ordinal, entries first.
 *
 * <p>Semantics (DESIGN "Matching"):
 * <ul>
 *   <li>Exact values per observation type; a domain entry also matches its subdomains when the
 *       entry says so ({@code a.b.evil.com} hits {@code evil.com}; {@code xevil.com} never does).</li>
 *   <li>IP addresses hit exact-address indicators and the indicators of the longest CIDR prefix
 *       that holds them. An {@code ip:port} indicator needs the observation's port, and is never hit by
 *       a connection's originator ({@code CONN_ORIG}); {@code network-traffic:dst_ref.value} only by
 *       {@code CONN_RESP}, {@code src_ref} only by {@code CONN_ORIG}.</li>
 *   <li>URLs: an indicator with a scheme equals the observed URL ({@code http://h} also equals
 *       {@code http://h/}). One without ({@code evil.com/a}, maltrail) is compared with the observed
 *       URL minus its scheme, a host-less one ({@code /gate.php}) with its path and query. Either
 *       kind, when it has no query, also matches the observation with any query.</li>
 * </ul>
 * STIX indicators with a simple pattern (see {@code PatternKeys}) are matched here too; the others
 * are indexed by their anchors and only reported by {@link #candidates} for full evaluation.
 *
 * <p>Hot path: probes of primitive arrays, no locks, no allocation on a miss.
 */
public final class IndicatorSet {
    private static final int[] NONE = new int[0];
    private static final IndicatorSet EMPTY = compile(List.of(), List.of());

    private final ExactIndex exact;
    private final RangeIndex ranges4;
    private final RangeIndex ranges6;
    private final RangeIndex candidateRanges4;
    private final RangeIndex candidateRanges6;
    private final int[][] typeOnly;
    private final int[] recordLevel;
    private final EntryTable entries;
    private final String[] stixIds;
    private final String[] stixPatterns;
    private final Pattern[] fullPatterns;
    private final boolean needsRecords;
    private final List<String> rejected;

    private IndicatorSet(SetCompiler c) {
        exact = c.exact.build();
        ranges4 = c.ranges4.build();
        ranges6 = c.ranges6.build();
        candidateRanges4 = c.candidateRanges4.build();
        candidateRanges6 = c.candidateRanges6.build();
        typeOnly = c.typeOnly.stream().map(IntList::toArray).toArray(int[][]::new);
        recordLevel = c.recordLevel.toArray();
        entries = c.entries.build();
        stixIds = c.stixIds.toArray(String[]::new);
        stixPatterns = c.stixPatterns.toArray(String[]::new);
        fullPatterns = c.fullPatterns.toArray(Pattern[]::new);
        needsRecords = java.util.Arrays.stream(fullPatterns).anyMatch(java.util.Objects::nonNull);
        rejected = List.copyOf(c.rejected);
    }

    private IndicatorSet(ExactIndex exact, RangeIndex[] ranges, int[][] typeOnly, int[] recordLevel, EntryTable entries,
                         String[] stixIds, String[] stixPatterns, Pattern[] fullPatterns, List<String> rejected) {
        this.exact = exact;
        this.ranges4 = ranges[0];
        this.ranges6 = ranges[1];
        this.candidateRanges4 = ranges[2];
        this.candidateRanges6 = ranges[3];
        this.typeOnly = typeOnly;
        this.recordLevel = recordLevel;
        this.entries = entries;
        this.stixIds = stixIds;
        this.stixPatterns = stixPatterns;
        this.fullPatterns = fullPatterns;
        this.needsRecords = java.util.Arrays.stream(fullPatterns).anyMatch(java.util.Objects::nonNull);
        this.rejected = List.copyOf(rejected);
    }

    /**
     * This set as bytes that {@link #fromImage} turns back into a set that matches exactly as this
     * one ({@link SetImage}): reading them is much faster than compiling the indicators again.
     * {@code label} is kept in the image and must be given again to read it (a hunt names the intel
     * the set was compiled from).
     */
    public byte[] image(String label) {
        SetImage.Out out = new SetImage.Out();
        out.i32(SetImage.MAGIC);
        out.string(SetImage.layout());
        out.string(label);
        exact.write(out);
        for (RangeIndex r : new RangeIndex[] {ranges4, ranges6, candidateRanges4, candidateRanges6}) {
            r.write(out);
        }
        out.intArrays(typeOnly);
        out.ints(recordLevel);
        entries.write(out);
        out.strings(stixIds);
        out.strings(stixPatterns);
        int[] full = new int[fullPatterns.length];
        for (int i = 0; i < full.length; i++) {
            full[i] = fullPatterns[i] == null ? 0 : 1;
        }
        out.ints(full);
        out.strings(rejected.toArray(String[]::new));
        return out.toByteArray();
    }

    /**
     * The set an {@link #image} holds (from the buffer's position to its limit), when it was
     * written with {@code label} by a build that numbers types the same way; patterns that need
     * full evaluation are parsed again.
     *
     * @throws IllegalArgumentException when the image has another label, comes from another build,
     *                                  or does not hold a whole, consistent set
     */
    public static IndicatorSet fromImage(java.nio.ByteBuffer image, String label) {
        SetImage.In in = new SetImage.In(image.slice());
        try {
            if (in.i32() != SetImage.MAGIC || !SetImage.layout().equals(in.string())) {
                throw new IllegalArgumentException("not an indicator set image of this build");
            }
            if (!java.util.Objects.equals(label, in.string())) {
                throw new IllegalArgumentException("an image of other intel");
            }
            ExactIndex exact = ExactIndex.read(in);
            RangeIndex[] ranges = new RangeIndex[4];
            for (int i = 0; i < ranges.length; i++) {
                ranges[i] = RangeIndex.read(in);
            }
            int[][] typeOnly = in.intArrays();
            int[] recordLevel = in.ints();
            EntryTable entries = EntryTable.read(in, exact.keyCount());
            String[] stixIds = in.strings();
            String[] stixPatterns = in.strings();
            int[] full = in.ints();
            List<String> rejected = List.of(in.strings());
            if (typeOnly.length != ObservationType.values().length || stixPatterns.length != stixIds.length
                    || full.length != stixIds.length || !in.atEnd()) {
                throw new IllegalArgumentException("the image's parts do not fit together");
            }
            Pattern[] fullPatterns = new Pattern[full.length];
            for (int i = 0; i < full.length; i++) {
                fullPatterns[i] = full[i] == 0 ? null : org.threatledger.pattern.PatternParser.parse(stixPatterns[i]);
            }
            return new IndicatorSet(exact, ranges, typeOnly, recordLevel, entries, stixIds, stixPatterns, fullPatterns,
                    rejected);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) { // a damaged image: a bad length, a null where a value must be, a bad pattern
            throw new IllegalArgumentException("a damaged indicator set image: " + e.getMessage(), e);
        }
    }

    /** Compiles list entries and STIX objects (indicators are taken, other objects ignored) into a set. */
    public static IndicatorSet compile(Iterable<IocEntry> entries, Iterable<StixObject> stixIndicators) {
        SetCompiler c = new SetCompiler();
        entries.forEach(c::entry);
        int first = c.entries.size();
        stixIndicators.forEach(o -> c.stix(o, first));
        return new IndicatorSet(c);
    }

    /** The set without indicators. */
    public static IndicatorSet empty() {
        return EMPTY;
    }

    /** Number of indicators (ordinals run from 0 to size - 1). */
    public int size() {
        return entries.size() + stixIds.length;
    }

    /** The indicator with this ordinal. */
    public IndicatorRef indicator(int ordinal) {
        if (ordinal < entries.size()) {
            return entries.ref(ordinal, exact);
        }
        int i = ordinal - entries.size();
        return new IndicatorRef(stixIds[i], null, null, null, -1, false, stixPatterns[i]);
    }

    /** The parsed pattern of an indicator that needs full evaluation (reported by {@link #candidates}). */
    public Optional<Pattern> pattern(int ordinal) {
        int i = ordinal - entries.size();
        return i < 0 ? Optional.empty() : Optional.ofNullable(fullPatterns[i]);
    }

    /**
     * True when some pattern needs full evaluation, which reads the observation's whole record
     * ({@link Observation#record()}): without one, telemetry adapters need not keep a copy of each record.
     */
    public boolean needsRecords() {
        return needsRecords;
    }

    /** STIX indicators that were not taken, each as {@code "id: reason"}. */
    public List<String> rejected() {
        return rejected;
    }

    /** Bytes held by the index arrays and entry table (not the STIX ids and patterns). */
    public long indexBytes() {
        return exact.bytes() + ranges4.bytes() + ranges6.bytes() + candidateRanges4.bytes()
                + candidateRanges6.bytes() + entries.bytes();
    }

    /** Passes a {@link Hit} to {@code hits} when the observation matches; allocates nothing on a miss. */
    public void match(Observation observation, Consumer<Hit> hits) {
        int[] ordinals = lookup(observation);
        if (ordinals.length != 0) {
            hits.accept(new Hit(observation, this, ordinals));
        }
    }

    /** The ordinals of the indicators the observation matches: sorted, each once; empty (shared) on a miss. */
    public int[] lookup(Observation o) {
        return lookup(o.type(), o.value(), o.port(), o.where());
    }

    private int[] lookup(ObservationType type, String v, int port, Where where) {
        IntList hits = switch (type) {
            case DOMAIN -> domain(v);
            case IPV4, IPV6 -> address(type, v, port, where);
            case URL -> url(v);
            default -> probe(Kind.of(type), 0, v, 0, v.length(), KeyHash.chars(v, 0, v.length()), null);
        };
        return hits == null ? NONE : hits.toSortedDistinctArray();
    }

    /**
     * {@link #lookup(Observation)} of a value without port given as the ASCII bytes
     * {@code b[from, to)} of its normal form, as a telemetry adapter reads it: a domain is looked
     * up in place, so a miss costs no String; an address is looked up in place when no address
     * indicator could hold it, and as text when one could.
     */
    public int[] lookupAscii(ObservationType type, byte[] b, int from, int to, Where where) {
        if (type == ObservationType.DOMAIN) {
            IntList hits = domainAscii(b, from, to);
            return hits == null ? NONE : hits.toSortedDistinctArray();
        }
        if ((type == ObservationType.IPV4 || type == ObservationType.IPV6) && (exact.kinds() & ADDRESS_KINDS) == 0
                && (type == ObservationType.IPV4 ? ranges4 : ranges6).isEmpty()) {
            return NONE;
        }
        return lookup(type, new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1), -1, where);
    }

    /** {@link #domain} of the ASCII bytes {@code b[from, to)}. */
    private IntList domainAscii(byte[] b, int from, int to) {
        IntList hits = null;
        long h = KeyHash.SEED;
        boolean dotSeen = false;
        boolean parents = exact.hasSubdomains();
        for (int i = to - 1; i >= from; i--) {
            byte c = b[i];
            if (c == '.') {
                if (dotSeen && parents) {
                    int key = exact.findAscii(Kind.DOMAIN, b, i + 1, to, KeyHash.finish(h, Kind.DOMAIN, 0), true);
                    hits = key < 0 ? hits : emit(key, ExactIndex.SUBDOMAINS, hits);
                }
                dotSeen = true;
            }
            h = KeyHash.step(h, (char) c);
        }
        if (!exact.has(Kind.DOMAIN)) {
            return hits;
        }
        int key = exact.findAscii(Kind.DOMAIN, b, from, to, KeyHash.finish(h, Kind.DOMAIN, 0), false);
        return key < 0 ? hits : emit(key, ExactIndex.EXACT, hits);
    }

    /**
     * Passes the ordinals of the patterns that need full evaluation on this observation: those
     * anchored on its value, on a CIDR holding it, on its object type, and, when it carries its
     * record, those on record-level types ({@code network-traffic}, ...). An ordinal may come twice.
     */
    public void candidates(Observation o, IntConsumer candidates) {
        String v = o.value();
        int kind = Kind.of(o.type()) + Kind.CANDIDATE;
        if (exact.has(kind)) {
            int key = exact.find(kind, 0, v, 0, v.length(), KeyHash.of(kind, 0, v, 0, v.length()));
            for (int i = 0, n = key < 0 ? 0 : exact.postingCount(key); i < n; i++) {
                candidates.accept(exact.posting(key, i) >>> 2);
            }
        }
        if (o.type() == ObservationType.IPV4 || o.type() == ObservationType.IPV6) {
            RangeIndex ranges = o.type() == ObservationType.IPV4 ? candidateRanges4 : candidateRanges6;
            int at = ranges.isEmpty() ? -1 : rangeLabel(ranges, o.type(), v);
            for (int i = 0, n = at < 0 ? 0 : ranges.postingCount(at); i < n; i++) {
                candidates.accept(ranges.posting(at, i));
            }
        }
        for (int ordinal : typeOnly[o.type().ordinal()]) {
            candidates.accept(ordinal);
        }
        if (o.record() != null) {
            for (int ordinal : recordLevel) {
                candidates.accept(ordinal);
            }
        }
    }

    /**
     * One right-to-left pass: at each dot the hash of the suffix after it is complete, so every
     * parent domain with at least two labels is probed (subdomain postings only) without a substring.
     */
    private IntList domain(String d) {
        IntList hits = null;
        long h = KeyHash.SEED;
        boolean dotSeen = false;
        boolean parents = exact.hasSubdomains();
        for (int i = d.length() - 1; i >= 0; i--) {
            char c = d.charAt(i);
            if (c == '.') {
                if (dotSeen && parents) {
                    int key = exact.findWithSubdomains(Kind.DOMAIN, d, i + 1, d.length(),
                            KeyHash.finish(h, Kind.DOMAIN, 0));
                    hits = key < 0 ? hits : emit(key, ExactIndex.SUBDOMAINS, hits);
                }
                dotSeen = true;
            }
            h = KeyHash.step(h, c);
        }
        return probe(Kind.DOMAIN, 0, d, 0, d.length(), h, hits);
    }

    /** The exact kinds {@link #address} may probe. */
    private static final long ADDRESS_KINDS = Kind.bit(Kind.IPV4) | Kind.bit(Kind.IPV6) | Kind.bit(Kind.IPV4_PORT)
            | Kind.bit(Kind.IPV6_PORT) | Kind.bit(Kind.IPV4_DST) | Kind.bit(Kind.IPV6_DST) | Kind.bit(Kind.IPV4_SRC)
            | Kind.bit(Kind.IPV6_SRC);

    private IntList address(ObservationType type, String v, int port, Where where) {
        boolean v4 = type == ObservationType.IPV4;
        // the characters are hashed only when some address kind is indexed (domain-only sets skip it)
        long h = (exact.kinds() & ADDRESS_KINDS) == 0 ? 0 : KeyHash.chars(v, 0, v.length());
        IntList hits = probe(v4 ? Kind.IPV4 : Kind.IPV6, 0, v, 0, v.length(), h, null);
        if (port >= 0 && where != Where.CONN_ORIG) {
            hits = probe(v4 ? Kind.IPV4_PORT : Kind.IPV6_PORT, port, v, 0, v.length(), h, hits);
        }
        if (where == Where.CONN_RESP) {
            hits = probe(v4 ? Kind.IPV4_DST : Kind.IPV6_DST, 0, v, 0, v.length(), h, hits);
        } else if (where == Where.CONN_ORIG) {
            hits = probe(v4 ? Kind.IPV4_SRC : Kind.IPV6_SRC, 0, v, 0, v.length(), h, hits);
        }
        RangeIndex ranges = v4 ? ranges4 : ranges6;
        int at = ranges.isEmpty() ? -1 : rangeLabel(ranges, type, v);
        for (int i = 0, n = at < 0 ? 0 : ranges.postingCount(at); i < n; i++) {
            hits = add(hits, ranges.posting(at, i));
        }
        return hits;
    }

    private static int rangeLabel(RangeIndex ranges, ObservationType type, String v) {
        if (type == ObservationType.IPV4) {
            long a = IpText.ipv4(v, 0, v.length());
            return a < 0 ? -1 : ranges.find(0, a);
        }
        return IpText.ipv6(v, IpText.VALID) == 0 ? -1 : ranges.find(IpText.ipv6(v, 0), IpText.ipv6(v, 1));
    }

    private IntList url(String u) {
        int n = u.length();
        IntList hits = probe(Kind.URL, 0, u, 0, n, KeyHash.chars(u, 0, n), null);
        int sep = u.indexOf("://");
        int hostStart = sep >= 0 ? sep + 3 : 0;
        int pathStart = hostStart;
        while (pathStart < n && "/?#".indexOf(u.charAt(pathStart)) < 0) {
            pathStart++;
        }
        if (pathStart == n - 1 && u.charAt(pathStart) == '/') {
            hits = probe(Kind.URL, 0, u, 0, n - 1, KeyHash.chars(u, 0, n - 1), hits);
        }
        int query = u.indexOf('?', hostStart);
        if (exact.has(Kind.URL_HOST_PATH)) {
            hits = probe(Kind.URL_HOST_PATH, 0, u, hostStart, n, KeyHash.chars(u, hostStart, n), hits);
            if (query >= 0) {
                hits = probe(Kind.URL_HOST_PATH, 0, u, hostStart, query, KeyHash.chars(u, hostStart, query), hits);
            }
        }
        if (exact.has(Kind.URL_PATH) && pathStart < n && u.charAt(pathStart) == '/') {
            hits = probe(Kind.URL_PATH, 0, u, pathStart, n, KeyHash.chars(u, pathStart, n), hits);
            if (query > pathStart) {
                hits = probe(Kind.URL_PATH, 0, u, pathStart, query, KeyHash.chars(u, pathStart, query), hits);
            }
        }
        return hits;
    }

    /** Looks up {@code (kind, port, s[from, to))}, whose characters hashed to {@code h}, adding exact postings to {@code hits}. */
    private IntList probe(int kind, int port, String s, int from, int to, long h, IntList hits) {
        if (!exact.has(kind)) {
            return hits;
        }
        int key = exact.find(kind, port, s, from, to, KeyHash.finish(h, kind, port));
        return key < 0 ? hits : emit(key, ExactIndex.EXACT, hits);
    }

    private IntList emit(int key, int flag, IntList hits) {
        for (int i = 0, n = exact.postingCount(key); i < n; i++) {
            int posting = exact.posting(key, i);
            if ((posting & flag) != 0) {
                hits = add(hits, posting >>> 2);
            }
        }
        return hits;
    }

    private static IntList add(IntList hits, int ordinal) {
        IntList list = hits != null ? hits : new IntList();
        list.add(ordinal);
        return list;
    }
}
