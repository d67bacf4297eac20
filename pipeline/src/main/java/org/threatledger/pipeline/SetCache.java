package org.threatledger.pipeline;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import org.threatledger.match.IndicatorSet;
import org.threatledger.stix.StixObject;

/**
 * The compiled {@link IndicatorSet} kept in one file beside the store, so a hunt against a million
 * indicators starts matching after reading its arrays (tens of milliseconds) instead of compiling
 * them (about 0.4 s, after reading the entries). The file is labelled with the intel it was compiled
 * from: the store's {@linkplain org.threatledger.store.KnowledgeStore#entriesFingerprint list
 * fingerprint} and the id and version of every current STIX indicator compiled. That names their
 * content: the store keeps the first text of a version and never replaces it, a changed indicator
 * is a new version, and a revoked one is no longer current. So a hunt that finds its set cached
 * parses no indicator at all.
 * Like {@link EntryCache} it is derived data: a missing, stale, unreadable or corrupt file (a CRC-32
 * over the image) is never an error, the set is just compiled again and the file rewritten.
 *
 * <p>Format: the CRC-32 of the image (4 bytes, big-endian), then the image
 * ({@link IndicatorSet#image}).
 */
final class SetCache {
    static final String FILE = "indicator-set.bin";

    private SetCache() {}

    /** The label of the set compiled from the lists with {@code entriesFingerprint} and these STIX indicators. */
    static String label(String entriesFingerprint, List<StixObject> indicators) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
        sha.update(entriesFingerprint.getBytes(StandardCharsets.UTF_8));
        for (StixObject o : indicators) {
            for (String part : new String[] {o.id(), o.version()}) {
                sha.update((byte) 0);
                sha.update(part.getBytes(StandardCharsets.UTF_8));
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The set in {@code dir} when it was compiled from the intel named by {@code label}, else null. */
    static IndicatorSet read(Path dir, String label) {
        byte[] b;
        try {
            b = Files.readAllBytes(dir.resolve(FILE));
        } catch (IOException e) {
            return null;
        }
        if (b.length < 4) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update(b, 4, b.length - 4);
        if ((int) crc.getValue() != ByteBuffer.wrap(b).getInt()) {
            return null;
        }
        try {
            return IndicatorSet.fromImage(ByteBuffer.wrap(b, 4, b.length - 4), label);
        } catch (IllegalArgumentException e) {
            return null; // other intel, another build's file, or a damaged one that passed the CRC: compile again
        }
    }

    /** Writes the set's image to {@code dir}; a failure only means no cache. */
    static void write(Path dir, String label, IndicatorSet set) {
        byte[] image = set.image(label);
        byte[] file = new byte[image.length + 4];
        CRC32 crc = new CRC32();
        crc.update(image);
        ByteBuffer.wrap(file).putInt((int) crc.getValue()).put(image);
        CacheFiles.write(dir, FILE, file, file.length);
    }
}
