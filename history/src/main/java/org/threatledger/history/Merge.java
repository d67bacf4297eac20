package org.threatledger.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A k-way merge of segments into one new segment, folding the records of one key together and,
 * for retention, dropping keys last seen before a cutoff (judged on the folded record, so a value
 * seen long ago and again yesterday stays). Streams block by block: memory is one block per input.
 */
final class Merge {
    private Merge() {}

    /** Writes the merge of {@code inputs} as {@code dir/name}; returns the number of entries written. */
    static long write(List<Segment> inputs, Path dir, SegmentName name, long dropLastBefore) throws IOException {
        long expected = 0;
        for (Segment s : inputs) {
            expected += s.entries;
        }
        List<Segment.Cursor> cursors = new ArrayList<>();
        PriorityQueue<Segment.Cursor> heads = new PriorityQueue<>(Segment.Cursor::compareKeyWith);
        try (SegmentWriter out = new SegmentWriter(dir.resolve(name.fileName()), expected)) {
            for (Segment s : inputs) {
                Segment.Cursor c = s.cursor();
                cursors.add(c);
                if (c.next()) {
                    heads.add(c);
                }
            }
            while (!heads.isEmpty()) {
                Segment.Cursor c = heads.poll();
                Entry folded = c.entry();
                advance(c, heads);
                while (!heads.isEmpty() && heads.peek().compareKey(folded.key) == 0) {
                    Segment.Cursor same = heads.poll();
                    folded.absorb(same.entry());
                    advance(same, heads);
                }
                if (folded.last >= dropLastBefore) {
                    out.add(folded);
                }
            }
            out.commit();
            return out.entries();
        } finally {
            cursors.forEach(Segment.Cursor::close);
        }
    }

    private static void advance(Segment.Cursor c, PriorityQueue<Segment.Cursor> heads) throws IOException {
        if (c.next()) {
            heads.add(c);
        }
    }
}
