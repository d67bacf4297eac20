package org.threatledger.telemetry;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One data line of a Zeek TSV log: the line's bytes and its field bounds. The parser reuses one
 * instance per input over its read buffer; {@link #snapshot()} copies the line when a record must
 * outlive it. Fields are decoded only when asked: ASCII text without escapes becomes a String with
 * a single copy; {@code \xHH} and {@code \\} escapes and UTF-8 take the slow path.
 */
final class TsvRecord implements ZeekRecord {
    private final TsvHeader header;
    byte[] buf;
    /** field i is {@code buf[bounds[2i], bounds[2i+1])} */
    int[] bounds;
    int count;
    private byte[] scratch;

    TsvRecord(TsvHeader header, byte[] buf, int[] bounds, int count) {
        this.header = header;
        this.buf = buf;
        this.bounds = bounds;
        this.count = count;
    }

    /** The column of field {@code f} in this record, or -1 when the log has no such field. */
    int column(ZeekField f) {
        int c = header.columns[f.ordinal()];
        return c >= count ? -1 : c;
    }

    TsvHeader header() {
        return header;
    }

    /** A buffer of at least {@code n} bytes to build a value in; reused, valid until the next call. */
    byte[] scratch(int n) {
        if (scratch == null || scratch.length < n) {
            scratch = new byte[Math.max(n, 256)];
        }
        return scratch;
    }

    @Override
    public String text(ZeekField f) {
        int c = column(f);
        return c < 0 ? null : decode(bounds[2 * c], bounds[2 * c + 1]);
    }

    @Override
    public String text(String dottedName) {
        Integer c = header.byName.get(dottedName);
        return c == null || c >= count ? null : decode(bounds[2 * c], bounds[2 * c + 1]);
    }

    @Override
    public String lowerText(ZeekField f) {
        int c = column(f);
        if (c < 0) {
            return null;
        }
        int from = bounds[2 * c];
        int to = bounds[2 * c + 1];
        if (header.isUnset(buf, from, to)) {
            return null;
        }
        if (header.isEmpty(buf, from, to)) {
            return "";
        }
        int n = to - from;
        byte[] scratch = scratch(n);
        for (int i = 0; i < n; i++) {
            byte b = buf[from + i];
            if (b < 0 || b == '\\') {
                return Values.lowerAscii(decode(from, to));
            }
            scratch[i] = b >= 'A' && b <= 'Z' ? (byte) (b + ('a' - 'A')) : b;
        }
        return new String(scratch, 0, n, StandardCharsets.ISO_8859_1);
    }

    @Override
    public List<String> texts(ZeekField f) {
        int c = column(f);
        if (c < 0) {
            return List.of();
        }
        int from = bounds[2 * c];
        int to = bounds[2 * c + 1];
        if (header.isUnset(buf, from, to) || header.isEmpty(buf, from, to)) {
            return List.of();
        }
        List<String> out = new ArrayList<>(4);
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || buf[i] == header.setSeparator) {
                out.add(decodeText(start, i));
                start = i + 1;
            }
        }
        return out;
    }

    private String decode(int from, int to) {
        if (header.isUnset(buf, from, to)) {
            return null;
        }
        if (header.isEmpty(buf, from, to)) {
            return "";
        }
        return decodeText(from, to);
    }

    /** The text of {@code buf[from, to)}, escapes resolved (not checked for the unset or empty marker). */
    String decodeText(int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b < 0 || b == '\\') {
                return unescape(from, to);
            }
        }
        return new String(buf, from, to - from, StandardCharsets.ISO_8859_1);
    }

    /** Zeek TSV escapes: {@code \xHH} a byte, {@code \\} a backslash; then UTF-8. */
    private String unescape(int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = buf[i];
            if (b == '\\' && i + 1 < to && buf[i + 1] == '\\') {
                out.write('\\');
                i++;
            } else if (b == '\\' && i + 3 < to && buf[i + 1] == 'x'
                    && Character.digit(buf[i + 2], 16) >= 0 && Character.digit(buf[i + 3], 16) >= 0) {
                out.write(Character.digit(buf[i + 2], 16) * 16 + Character.digit(buf[i + 3], 16));
                i += 3;
            } else {
                out.write(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Override
    public ZeekRecord snapshot() {
        int from = bounds[0];
        int to = bounds[2 * count - 1];
        int[] rebased = Arrays.copyOf(bounds, 2 * count);
        for (int i = 0; i < rebased.length; i++) {
            rebased[i] -= from;
        }
        return new TsvRecord(header, Arrays.copyOfRange(buf, from, to), rebased, count);
    }
}
