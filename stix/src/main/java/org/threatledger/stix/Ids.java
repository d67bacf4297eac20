package org.threatledger.stix;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * STIX identifiers (STIX 2.1 §2.9): {@code type--uuid}. Objects that ThreatLedger derives from a
 * feed get deterministic UUIDv5 ids, so re-importing the same feed yields the same ids (and so is
 * a no-op) instead of duplicates.
 */
public final class Ids {
    /** The namespace of ThreatLedger's derived ids (a UUIDv5 of "threatledger.org" in the DNS namespace). */
    public static final UUID NAMESPACE = uuid5(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "threatledger.org");



    private Ids() {}

    /** True for {@code type--uuid} with a lower-case type name and an RFC 4122 form UUID. */
    public static boolean isValid(String id) {
        if (id == null) {
            return false;
        }
        int sep = id.indexOf("--");
        return sep > 0 && isTypeName(id, sep) && isUuid(id, sep + 2);
    }

    /** {@code [a-z0-9]([a-z0-9-]*[a-z0-9])?} over {@code id[0, end)}. */
    private static boolean isTypeName(String id, int end) {
        if (id.charAt(0) == '-' || id.charAt(end - 1) == '-') {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    /** 8-4-4-4-12 hex digits from {@code from} to the end of the text. */
    private static boolean isUuid(String text, int from) {
        if (text.length() - from != 36) {
            return false;
        }
        for (int i = 0; i < 36; i++) {
            char c = text.charAt(from + i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            if (dash ? c != '-' : Character.digit(c, 16) < 0) {
                return false;
            }
        }
        return true;
    }

    /** The type part of an id, or the empty string when it has no {@code --}. */
    public static String typeOf(String id) {
        int sep = id.indexOf("--");
        return sep < 0 ? "" : id.substring(0, sep);
    }

    /** A deterministic id: {@code type--uuid5(NAMESPACE, parts joined by '\u001f')}. */
    public static String derived(String type, String... parts) {
        return type + "--" + uuid5(NAMESPACE, String.join("\u001f", parts));
    }

    /** A random id for objects created here with no natural key. */
    public static String random(String type) {
        return type + "--" + UUID.randomUUID();
    }

    /** RFC 4122 name-based UUID, version 5 (SHA-1). */
    public static UUID uuid5(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            ByteBuffer ns = ByteBuffer.allocate(16);
            ns.putLong(namespace.getMostSignificantBits()).putLong(namespace.getLeastSignificantBits());
            sha1.update(ns.array());
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            h[6] = (byte) ((h[6] & 0x0f) | 0x50);
            h[8] = (byte) ((h[8] & 0x3f) | 0x80);
            ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
            return new UUID(b.getLong(), b.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is required by every JDK", e);
        }
    }
}
