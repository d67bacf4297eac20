package org.threatledger.taxii;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * Writes the lines of one group of the {@link DisclosureLog} straight into UTF-8 bytes and chains
 * their hashes there: {@code hash = SHA-256(prev hash + the line without its hash member)}, the
 * line being what Jackson would write for the same members (same order, same escaping), so lines
 * written before and after this writer existed read and verify alike. A page of a thousand
 * disclosures costs a thousand hashes and no intermediate strings.
 */
final class ChainWriter {
    private static final JsonStringEncoder JSON = JsonStringEncoder.getInstance();
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private final MessageDigest digest;
    private final byte[] prev = new byte[64];
    private byte[] buf = new byte[64 * 1024];
    private int len;

    /** Starts a group after the entry whose hash is {@code lastHash} (64 lower-case hex digits). */
    ChainWriter(String lastHash) {
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
        byte[] h = lastHash.getBytes(StandardCharsets.US_ASCII);
        if (h.length != prev.length) {
            throw new IllegalArgumentException("not a SHA-256 hex digest: " + lastHash);
        }
        System.arraycopy(h, 0, prev, 0, prev.length);
    }

    /** Appends entry {@code n}, chained to the previous one. */
    void append(long n, String time, Disclosure d) {
        int start = len;
        ascii("{\"seq\":");
        ascii(Long.toString(n));
        ascii(",\"time\":\"");
        ascii(time); // ours: never needs escaping
        ascii("\"");
        member(",\"partner\":", d.partner());
        ascii(d.direction() == Disclosure.Direction.SENT ? ",\"direction\":\"sent\"" : ",\"direction\":\"received\"");
        member(",\"object\":", d.objectId());
        member(",\"version\":", d.version());
        member(",\"request\":", d.requestId());
        ascii(",\"prev\":\"");
        bytes(prev, prev.length);
        ascii("\"}");
        digest.reset();
        digest.update(prev);
        digest.update(buf, start, len - start);
        byte[] hash = digest.digest();
        for (int i = 0; i < hash.length; i++) {
            prev[2 * i] = HEX[(hash[i] >> 4) & 0xF];
            prev[2 * i + 1] = HEX[hash[i] & 0xF];
        }
        len--; // the closing brace; the hash member goes before it
        ascii(",\"hash\":\"");
        bytes(prev, prev.length);
        ascii("\"}\n");
    }

    /** The hash of the last entry appended. */
    String lastHash() {
        return new String(prev, StandardCharsets.US_ASCII);
    }

    byte[] buffer() {
        return buf;
    }

    int length() {
        return len;
    }

    /** A string member: copied as is when it is printable ASCII without quote or backslash, else escaped by Jackson. */
    private void member(String nameAndColon, String value) {
        ascii(nameAndColon);
        if (value == null) {
            ascii("null");
            return;
        }
        ensure(value.length() + 2);
        int mark = len;
        buf[len++] = '"';
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c >= 0x7F || c == '"' || c == '\\') {
                len = mark + 1;
                byte[] quoted = JSON.quoteAsUTF8(value);
                bytes(quoted, quoted.length);
                break;
            }
            buf[len++] = (byte) c;
        }
        ensure(1);
        buf[len++] = '"';
    }

    private void ascii(String s) {
        ensure(s.length());
        for (int i = 0; i < s.length(); i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void bytes(byte[] b, int n) {
        ensure(n);
        System.arraycopy(b, 0, buf, len, n);
        len += n;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + more));
        }
    }
}
