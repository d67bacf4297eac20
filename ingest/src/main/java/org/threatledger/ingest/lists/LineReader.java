package org.threatledger.ingest.lists;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Reads a list line by line from bytes, with a bound: a line longer than {@link #MAX_LINE} bytes
 * is skipped to its end without being buffered, so a hostile or binary file costs at most 64 KB
 * of line buffer. Each line is checked on its own: invalid UTF-8, NUL bytes and other control
 * characters make that line a {@link Line} with a problem, and the next line reads normally.
 *
 * <p>Cost: one pass over the bytes; pure-ASCII lines (almost all of them) become compact Latin-1
 * strings without going through the UTF-8 decoder.
 */
final class LineReader {
    static final int MAX_LINE = 64 * 1024;

    /** A line: its 1-based number and text, or the reason it cannot be read (text is then null). */
    record Line(long number, String text, String problem) {}

    private final InputStream in;
    private final byte[] buf = new byte[64 * 1024];
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] line = new byte[256];
    private int pos;
    private int limit;
    private long number;
    private boolean eof;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** The next line, or null at the end of the document. */
    Line next() throws IOException {
        int len = 0;
        boolean overlong = false;
        boolean nonAscii = false;
        boolean control = false;
        boolean nul = false;
        boolean any = false;
        while (true) {
            if (pos == limit && !fill()) {
                if (!any) {
                    return null;
                }
                break;
            }
            any = true;
            byte b = buf[pos++];
            if (b == '\n') {
                break;
            }
            if (overlong) {
                continue;
            }
            if (len == MAX_LINE) {
                overlong = true;
                continue;
            }
            if (b < 0) {
                nonAscii = true;
            } else if (b == 0) {
                nul = true;
            } else if (b < 0x20 && b != '\t' && b != '\r') {
                control = true;
            }
            if (len == line.length) {
                line = java.util.Arrays.copyOf(line, Math.min(MAX_LINE, line.length * 2));
            }
            line[len++] = b;
        }
        number++;
        if (overlong) {
            return new Line(number, null, "is longer than " + MAX_LINE + " bytes");
        }
        if (len > 0 && line[len - 1] == '\r') {
            len--;
        }
        int start = number == 1 && len >= 3 && line[0] == (byte) 0xEF && line[1] == (byte) 0xBB && line[2] == (byte) 0xBF ? 3 : 0;
        if (nul) {
            return new Line(number, null, "contains a NUL byte (binary data)");
        }
        if (control) {
            return new Line(number, null, "contains a control character (binary data)");
        }
        if (!nonAscii) {
            return new Line(number, new String(line, start, len - start, StandardCharsets.ISO_8859_1), null);
        }
        try {
            return new Line(number, utf8.decode(ByteBuffer.wrap(line, start, len - start)).toString(), null);
        } catch (CharacterCodingException e) {
            return new Line(number, null, "is not valid UTF-8 (binary data)");
        }
    }

    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        int n = in.read(buf);
        if (n < 0) {
            eof = true;
            return false;
        }
        pos = 0;
        limit = n;
        return true;
    }
}
