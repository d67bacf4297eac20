package org.threatledger.taxii;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The sharing configuration of a running server, re-read when {@code sharing.json} changes, so that
 * {@code partner add|revoke} and {@code collection add} (which rewrite the file atomically) take
 * effect on the next request without a restart.
 *
 * <p>How a change is seen: every {@link #get()} (once per request) reads the file's attributes,
 * one {@code stat} of a few microseconds, and compares modification time, size and file key (the
 * inode, which an atomic replace changes). Only a difference costs a read and parse. A file system
 * with coarse timestamps could hide a second write within one timestamp tick, so, as Git does for
 * its index, content written less than {@link #RACY_MILLIS} before it was read is re-read (and
 * compared by SHA-256) on every request until that window has passed; this costs a small file read
 * per request for two seconds after a change and nothing afterwards. A watcher thread was the
 * alternative: it adds a thread and its shutdown to the server and still needs the stat for the
 * "visible before the next request" promise, which the per-request check gives by construction.
 *
 * <p>A file that does not parse (a hand edit half done), or that disappears, does not stop the
 * server: the last good configuration stays in force and the problem is logged once per version
 * of the file. The server's listening address, TLS, request size limit, failed-auth limits and
 * cursor secret are taken once at start; partners, collections, API roots, the discovery text and
 * the default TLP follow the file.
 */
public final class LiveSharingConfig implements Supplier<SharingConfig> {
    /** How long after a write content is re-read although its attributes did not change. */
    static final long RACY_MILLIS = 2_000;
    private static final System.Logger LOG = System.getLogger(LiveSharingConfig.class.getName());

    private final Path file;
    private volatile Snapshot current;

    /** What was last read: the configuration in force, the file's attributes and digest, and when it was read. */
    private record Snapshot(SharingConfig config, Stamp stamp, byte[] digest, long readAtMillis) {
        boolean racy() {
            return stamp != null && stamp.modifiedNanos() / 1_000_000 >= readAtMillis - RACY_MILLIS;
        }
    }

    /** The attributes a rewrite changes. */
    private record Stamp(long modifiedNanos, long size, Object fileKey) {
        /** The file's stamp; null when it is missing or its attributes cannot be read. */
        static Stamp of(Path file) {
            try {
                BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
                return new Stamp(a.lastModifiedTime().to(TimeUnit.NANOSECONDS), a.size(), a.fileKey());
            } catch (IOException e) {
                return null;
            }
        }
    }

    private LiveSharingConfig(Path file, Snapshot first) {
        this.file = file;
        this.current = first;
    }

    /**
     * Reads the file now (a missing file is the {@linkplain SharingConfig#initial() initial}
     * configuration, a bad one fails here, before the server starts) and follows it from then on.
     */
    public static LiveSharingConfig watch(Path file) {
        Stamp stamp = Stamp.of(file);
        long now = System.currentTimeMillis();
        if (stamp == null) {
            return new LiveSharingConfig(file, new Snapshot(SharingConfig.load(file), null, null, now));
        }
        byte[] bytes = read(file);
        return new LiveSharingConfig(file, new Snapshot(SharingConfig.parse(bytes, file), stamp, digest(bytes), now));
    }

    /** The configuration in force now; re-reads the file first when it changed. */
    @Override
    public SharingConfig get() {
        Snapshot s = current;
        Stamp stamp = Stamp.of(file);
        if (stamp == null) {
            return missing(s);
        }
        if (stamp.equals(s.stamp()) && !s.racy()) {
            return s.config();
        }
        synchronized (this) {
            s = current;
            if (stamp.equals(s.stamp()) && !s.racy()) {
                return s.config();
            }
            current = reread(s, stamp);
            return current.config();
        }
    }

    private Snapshot reread(Snapshot last, Stamp stamp) {
        long now = System.currentTimeMillis();
        byte[] bytes;
        try {
            bytes = read(file);
        } catch (UncheckedIOException e) {
            LOG.log(System.Logger.Level.WARNING, e.getMessage() + "; the sharing configuration read before stays in force");
            return new Snapshot(last.config(), stamp, null, now);
        }
        byte[] digest = digest(bytes);
        if (Arrays.equals(digest, last.digest())) {
            return new Snapshot(last.config(), stamp, digest, now);
        }
        try {
            SharingConfig config = SharingConfig.parse(bytes, file);
            LOG.log(System.Logger.Level.INFO, "sharing configuration " + file + " re-read: " + config.partners().size()
                    + " partners, " + config.collections().size() + " collections");
            return new Snapshot(config, stamp, digest, now);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.ERROR, "sharing configuration " + file + " not applied, the one read before"
                    + " stays in force: " + e.getMessage());
            return new Snapshot(last.config(), stamp, digest, now);
        }
    }

    private SharingConfig missing(Snapshot s) {
        if (s.stamp() != null) {
            synchronized (this) {
                if (current.stamp() != null) {
                    LOG.log(System.Logger.Level.WARNING, "sharing configuration " + file
                            + " is missing or cannot be read; the one read before stays in force");
                    current = new Snapshot(current.config(), null, null, System.currentTimeMillis());
                }
            }
        }
        return current.config();
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static byte[] digest(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
