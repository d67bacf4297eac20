package org.threatledger.history;

/**
 * UTF-8 without allocation, byte-for-byte as {@code String.getBytes(UTF_8)} (an unpaired
 * surrogate becomes {@code '?'}): a value given as text is encoded straight into a batch or a table.
 */
final class Utf8 {
    private Utf8() {}

    /** The encoded length of {@code s}. */
    static int length(String s) {
        int n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                n++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    /** Writes {@code s} at {@code dst[off]}; returns the offset after it. */
    static int encode(String s, byte[] dst, int off) {
        int len = s.length();
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                dst[off++] = (byte) c;
            } else if (c < 0x800) {
                dst[off++] = (byte) (0xc0 | (c >> 6));
                dst[off++] = (byte) (0x80 | (c & 0x3f));
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                dst[off++] = (byte) (0xf0 | (cp >> 18));
                dst[off++] = (byte) (0x80 | ((cp >> 12) & 0x3f));
                dst[off++] = (byte) (0x80 | ((cp >> 6) & 0x3f));
                dst[off++] = (byte) (0x80 | (cp & 0x3f));
            } else if (Character.isSurrogate(c)) {
                dst[off++] = '?';
            } else {
                dst[off++] = (byte) (0xe0 | (c >> 12));
                dst[off++] = (byte) (0x80 | ((c >> 6) & 0x3f));
                dst[off++] = (byte) (0x80 | (c & 0x3f));
            }
        }
        return off;
    }
}
