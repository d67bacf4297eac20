package org.threatledger.telemetry;

import java.util.function.Supplier;
import org.threatledger.pattern.Observed;

/**
 * Parses the lines of one Zeek TSV input. The hot loop splits a line by scanning its bytes once
 * for the separator, which also finds raw control bytes (Zeek escapes them as {@code \xHH}, so one
 * means binary garbage); no field is decoded unless its log adapter reads it.
 */
final class ZeekTsvParser implements LineParser, Supplier<Observed> {
    private final FieldMapping mapping;
    private TsvHeader header;
    private TsvRecord record;
    private ZeekLog log;
    private long time;
    private RecordSink sink;
    /** The current record's uid, decoded only when the record is observed. */
    private final RecordSink.UidSource uidOfRecord = () -> ZeekLogs.uid(record);

    ZeekTsvParser(String pathFromFileName, FieldMapping mapping) {
        this.header = new TsvHeader(pathFromFileName);
        this.mapping = mapping;
    }

    @Override
    public ParseError parse(byte[] buf, int from, int to, long line, RecordSink out) {
        if (to > from && buf[from] == '#') {
            readHeader(buf, from, to);
            return null;
        }
        if (to == from) {
            return null;
        }
        if (record == null) {
            return ParseError.NO_HEADER;
        }
        ParseError split = split(buf, from, to);
        if (split != null) {
            return split;
        }
        int tsCol = header.columns[ZeekField.TS.ordinal()];
        time = tsCol < 0 ? Times.BAD : Times.epochSeconds(buf, record.bounds[2 * tsCol], record.bounds[2 * tsCol + 1]);
        if (time == Times.BAD) {
            return ParseError.BAD_TIME;
        }
        sink = out;
        out.beginWithLazyUid(line, time, uidOfRecord, null, this);
        ZeekLogs.observe(log, record, out, mapping != null && mapping.appliesTo(header.path) ? mapping : null);
        return null;
    }

    /**
     * Finds the field bounds; a wrong count or a raw control byte fails the line. Hot loop: reads
     * eight bytes at a time and looks only at bytes below 0x20 (the tab separator, or garbage),
     * found with the SWAR test {@code (x - 0x20..) & ~x & 0x80..} whose lowest set bit is exact.
     */
    private ParseError split(byte[] buf, int from, int to) {
        int[] bounds = record.bounds;
        int max = header.fields.length;
        byte sep = header.separator;
        if (sep >= 0x20 || sep < 0) {
            return splitSlow(buf, from, to);
        }
        int n = 0;
        bounds[0] = from;
        int i = from;
        while (i < to) {
            if (i + 8 <= to) {
                long x = Swar.longAt(buf, i);
                long low = (x - 0x2020202020202020L) & ~x & 0x8080808080808080L;
                if (low == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(low) >>> 3;
            }
            byte b = buf[i];
            if (b == sep) {
                bounds[2 * n + 1] = i;
                if (++n == max) {
                    return ParseError.WRONG_FIELD_COUNT;
                }
                bounds[2 * n] = i + 1;
            } else if (b >= 0 && b < 0x20) {
                return ParseError.BINARY_GARBAGE;
            }
            i++;
        }
        return finish(buf, to, n, max);
    }

    private ParseError splitSlow(byte[] buf, int from, int to) {
        int[] bounds = record.bounds;
        int max = header.fields.length;
        byte sep = header.separator;
        int n = 0;
        bounds[0] = from;
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == sep) {
                bounds[2 * n + 1] = i;
                if (++n == max) {
                    return ParseError.WRONG_FIELD_COUNT;
                }
                bounds[2 * n] = i + 1;
            } else if (b >= 0 && b < 0x20) {
                return ParseError.BINARY_GARBAGE;
            }
        }
        return finish(buf, to, n, max);
    }

    private ParseError finish(byte[] buf, int to, int n, int max) {
        record.bounds[2 * n + 1] = to;
        if (n + 1 != max) {
            return ParseError.WRONG_FIELD_COUNT;
        }
        record.buf = buf;
        record.count = max;
        return null;
    }

    private void readHeader(byte[] buf, int from, int to) {
        boolean fieldsLine = startsWith(buf, from, to, "#fields");
        if (fieldsLine && header.fields != null) {
            header = header.next();
        }
        header.read(buf, from, to);
        if (fieldsLine && header.fields != null) {
            record = new TsvRecord(header, buf, new int[2 * header.fields.length], 0);
        }
        log = ZeekLog.of(header.path);
    }

    private static boolean startsWith(byte[] buf, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (buf[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The current record's STIX view: a copy of the line, taken at its first observation. */
    @Override
    public Observed get() {
        return new ZeekObserved(log, record.snapshot(), time, sink.sensor());
    }
}
