package org.threatledger.taxii;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The opaque TAXII {@code next} value: the position after the last version a page held, in the
 * store's total order {@code (date_added, seq)} (seq identifies the exact (id, version) row, so
 * thousands of versions sharing one date_added still have distinct positions), bound to the
 * collection it walks, signed with HMAC-SHA256 under the server's cursor secret. A cursor that was
 * edited, truncated or made for another collection is a 400, never a walk from a forged position.
 *
 * <p>Format: {@code base64url("1:" collection ":" dateAddedMicros ":" seq) "." base64url(mac[0..16])}.
 */
record Cursor(String collection, long dateAddedMicros, long seq) {
    private static final int MAC_BYTES = 16;

    String encode(byte[] key) {
        String payload = "1:" + collection + ":" + dateAddedMicros + ":" + seq;
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return b64.encodeToString(bytes) + "." + b64.encodeToString(mac(key, bytes));
    }

    /** Decodes a cursor for this collection; a bad one is a TAXII 400. */
    static Cursor decode(String text, String collection, byte[] key) {
        try {
            int dot = text.indexOf('.');
            if (dot < 0) {
                throw invalid();
            }
            Base64.Decoder b64 = Base64.getUrlDecoder();
            byte[] payload = b64.decode(text.substring(0, dot));
            byte[] mac = b64.decode(text.substring(dot + 1));
            if (!MessageDigest.isEqual(mac, mac(key, payload))) {
                throw invalid();
            }
            String[] parts = new String(payload, StandardCharsets.UTF_8).split(":");
            if (parts.length != 4 || !parts[0].equals("1") || !parts[1].equals(collection)) {
                throw invalid();
            }
            return new Cursor(parts[1], Long.parseLong(parts[2]), Long.parseLong(parts[3]));
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static TaxiiException invalid() {
        return TaxiiException.badRequest("the next parameter is not a cursor this server issued for this collection");
    }

    private static byte[] mac(byte[] key, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] full = mac.doFinal(payload);
            return java.util.Arrays.copyOf(full, MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
