package org.threatledger.telemetry;

import java.io.IOException;
import java.io.InputStream;

/**
 * Splits a byte stream into lines in a large reused buffer, in bounded memory: a line longer than
 * {@link #MAX_LINE} is reported as overlong and skipped up to its end without being held. Lines
 * are handed out as ranges of the buffer (valid only during the call), without {@code \r\n}'s
 * {@code \r}. At the end of what the stream has now, a partial last line is kept, so that follow
 * mode can wait for the rest; {@link #finish} hands it out as unterminated.
 */
final class LineScanner {
    static final int MAX_LINE = 1 << 20;

    /** Receives lines. */
    interface Lines {
        void line(byte[] buf, int from, int to, boolean terminated);

        void overlong();
    }

    private final InputStream in;
    private final byte[] buf = new byte[2 * MAX_LINE];
    /**
     * Bytes read at a time. Small enough that a chunk's lines are still in the core's cache when they
     * are parsed right after the read copied them there (reading 2 MB at a time, the most the buffer
     * takes, made parsing the 2M-line dns.log 5-8% slower); large enough that the calls cost nothing.
     */
    private static final int READ = 1 << 17;
    private int start;
    private int end;
    private boolean skipping;

    private final int maxRead;

    LineScanner(InputStream in) {
        this(in, Integer.MAX_VALUE);
    }

    /** A scanner that reads at most {@code maxRead} bytes per {@link #pump} (merged inputs: little queued per input). */
    LineScanner(InputStream in, int maxRead) {
        this.in = in;
        this.maxRead = maxRead;
    }

    /** Reads at least {@code min} bytes, or all there is, without handing out lines: the head to detect the format by. */
    int head(int min) throws IOException {
        while (end < min) {
            int n = in.read(buf, end, buf.length - end);
            if (n < 0) {
                break;
            }
            end += n;
        }
        return end;
    }

    byte[] buffer() {
        return buf;
    }

    /**
     * Hands out every complete line the stream has now. Returns false when the stream had no more
     * bytes (end of file for now).
     */
    boolean pump(Lines out) throws IOException {
        scan(out);
        if (start > 0) {
            compact();
        }
        int n = in.read(buf, end, Math.min(Math.min(maxRead, READ), buf.length - end));
        if (n < 0) {
            return false;
        }
        end += n;
        scan(out);
        return true;
    }

    /** Hands out a partial last line, as unterminated. */
    void finish(Lines out) {
        if (end > start && !skipping) {
            int to = end > start && buf[end - 1] == '\r' ? end - 1 : end;
            out.line(buf, start, to, false);
        }
        start = end = 0;
        skipping = false;
    }

    /** Hot loop: finds newlines eight bytes at a time (SWAR zero-byte test on {@code x ^ 0x0a..}). */
    private void scan(Lines out) {
        byte[] b = buf;
        int s = start;
        int e = end;
        int i = s;
        while (i < e) {
            if (i + 8 <= e) {
                long y = Swar.longAt(b, i) ^ 0x0a0a0a0a0a0a0a0aL;
                long nl = (y - 0x0101010101010101L) & ~y & 0x8080808080808080L;
                if (nl == 0) {
                    i += 8;
                    continue;
                }
                i += Long.numberOfTrailingZeros(nl) >>> 3;
            } else if (b[i] != '\n') {
                i++;
                continue;
            }
            if (skipping) {
                skipping = false;
            } else {
                int to = i > s && b[i - 1] == '\r' ? i - 1 : i;
                out.line(b, s, to, true);
            }
            s = i + 1;
            i = s;
        }
        start = s;
        if (e - s > MAX_LINE || skipping) {
            if (!skipping) {
                out.overlong();
                skipping = true;
            }
            start = end = 0;
        }
    }

    private void compact() {
        System.arraycopy(buf, start, buf, 0, end - start);
        end -= start;
        start = 0;
    }
}
