package org.threatledger.history;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A k-way merge of segments into one new segment, folding the records of one key together and,
 * for retention, dropping keys last seen before a cutoff (judged on the folded record, so a value
 * seen long ago and again yesterday stays). Streams block by block: memory is one block per input.
 *
 * <p>A merge rewrites millions of entries, and a hunt's close waits for the merges its flushes made
 * due, so nothing is made per entry: the record being folded lives in primitives and a key buffer,
 * and each input's sensor numbers are translated into the output's through a table made once per
 * input (folding as {@link Entry#absorb} does: earliest first, latest last, counts summed, sensors
 * united up to {@link Entry#MAX_SENSORS}, then "and more").
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
        PriorityQueue<Input> heads = new PriorityQueue<>((a, b) -> a.cursor.compareKeyWith(b.cursor));
        try (SegmentWriter out = new SegmentWriter(dir.resolve(name.fileName()), expected)) {
            for (Segment s : inputs) {
                Segment.Cursor c = s.cursor();
                cursors.add(c);
                String[] names = c.sensorNames();
                int[] ids = new int[names.length];
                for (int i = 0; i < names.length; i++) {
                    ids[i] = out.sensorId(names[i]);
                }
                advance(new Input(c, ids), heads);
            }
            Folded folded = new Folded();
            while (!heads.isEmpty()) {
                Input head = heads.poll();
                folded.start(head.cursor, head.outputSensors);
                advance(head, heads);
                while (!heads.isEmpty() && heads.peek().cursor.compareKey(folded.key, folded.keyLength) == 0) {
                    Input same = heads.poll();
                    folded.absorb(same.cursor, same.outputSensors);
                    advance(same, heads);
                }
                if (folded.last >= dropLastBefore) {
                    out.add(folded.key, 0, folded.keyLength, folded.first, folded.last, folded.count, folded.sensors,
                            folded.sensorCount, folded.more);
                }
            }
            out.commit();
            return out.entries();
        } finally {
            cursors.forEach(Segment.Cursor::close);
        }
    }

    /** One input: its cursor, and the output's number for each of its sensor numbers. */
    private record Input(Segment.Cursor cursor, int[] outputSensors) {}

    private static void advance(Input input, PriorityQueue<Input> heads) throws IOException {
        if (input.cursor.next()) {
            heads.add(input);
        }
    }

    /** The record of one key being folded from the inputs that hold it, sensors numbered as the output numbers them. */
    private static final class Folded {
        byte[] key = new byte[64];
        int keyLength;
        long first;
        long last;
        long count;
        final int[] sensors = new int[Entry.MAX_SENSORS];
        int sensorCount;
        boolean more;

        void start(Segment.Cursor c, int[] outputSensors) {
            keyLength = c.keyLength();
            if (key.length < keyLength) {
                key = Arrays.copyOf(key, Math.max(keyLength, key.length * 2));
            }
            System.arraycopy(c.keyBytes(), 0, key, 0, keyLength);
            first = c.first();
            last = c.last();
            count = c.count();
            more = c.moreSensors();
            sensorCount = 0;
            addSensors(c, outputSensors);
        }

        void absorb(Segment.Cursor c, int[] outputSensors) {
            first = Math.min(first, c.first());
            last = Math.max(last, c.last());
            count += c.count();
            more |= c.moreSensors();
            addSensors(c, outputSensors);
        }

        private void addSensors(Segment.Cursor c, int[] outputSensors) {
            int[] ids = c.sensorIds();
            for (int i = 0, n = c.sensorCount(); i < n; i++) {
                int id = outputSensors[ids[i]];
                if (!has(id)) {
                    if (sensorCount < sensors.length) {
                        sensors[sensorCount++] = id;
                    } else {
                        more = true;
                    }
                }
            }
        }

        private boolean has(int id) {
            for (int i = 0; i < sensorCount; i++) {
                if (sensors[i] == id) {
                    return true;
                }
            }
            return false;
        }
    }
}
