package org.threatledger.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

/**
 * Writing the derived files of the cache directory ({@link EntryCache}, {@link SetCache}): through
 * a temporary file and an atomic rename, so a reader sees the old file or the new one, never half
 * of one. A failure only means no cache this time.
 */
final class CacheFiles {
    /** Age past which a temporary file of the cache is taken as left behind. */
    static final Duration STALE = Duration.ofMinutes(10);

    private CacheFiles() {}

    /** Replaces {@code dir/name} with {@code bytes[0, length)}; false when it could not be written. */
    static boolean write(Path dir, String name, byte[] bytes, int length) {
        Path tmp = null;
        try {
            Files.createDirectories(dir);
            deleteStaleTemporaries(dir, name);
            tmp = Files.createTempFile(dir, name, ".tmp");
            try (var out = Files.newOutputStream(tmp)) {
                out.write(bytes, 0, length);
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException | UnsupportedOperationException e) {
            deleteQuietly(tmp); // no cache this time; the next hunt builds it again
            return false;
        }
    }

    /**
     * Deletes temporary files of {@code name} that a hunt killed while writing it left behind. Only
     * those older than {@link #STALE}: a younger one may belong to a hunt writing at this moment.
     */
    private static void deleteStaleTemporaries(Path dir, String name) throws IOException {
        FileTime before = FileTime.from(Instant.now().minus(STALE));
        try (var files = Files.newDirectoryStream(dir, name + "*.tmp")) {
            for (Path p : files) {
                try {
                    if (Files.getLastModifiedTime(p).compareTo(before) < 0) {
                        Files.deleteIfExists(p);
                    }
                } catch (IOException ignored) {
                    // gone already, or not ours to delete: the next write tries again
                }
            }
        }
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException ignored) {
                // a stray temporary file in the cache directory is harmless
            }
        }
    }
}
