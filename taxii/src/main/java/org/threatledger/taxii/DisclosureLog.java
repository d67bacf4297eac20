package org.threatledger.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.Timestamps;

/**
 * The disclosure log {@code <home>/disclosures.log}: append-only JSON lines, one per object version
 * sent to or received from a partner, hash-chained: each line carries the previous line's hash and
 * its own, {@code hash = SHA-256(prev hash + the line without its hash member)}, so editing,
 * deleting or reordering any line breaks the chain at that line.
 *
 * <p>Cutting lines off the end leaves a valid shorter chain; to detect that, the count and last hash
 * are also kept in {@code disclosures.head}, rewritten (atomically) after every write. The
 * trade-off: someone who can write both files can still cut the tail and rewrite the head, so
 * {@code audit verify} prints the head hash for the operator to anchor elsewhere (a ticket, a
 * signed mail).
 *
 * <p>{@link #append} returns only once its lines are fsynced, so a disclosure is durable before its
 * response is sent. Concurrent appends share the fsync (group commit): while one thread writes and
 * syncs a group, the others queue; the next thread to find the log idle writes everything queued
 * since, chained in queue order, with one write and one fsync. One client pays one fsync per page;
 * fifty clients pay one per group instead of fifty. A failed write is cut off the file again and
 * fails exactly the appends of its group; if even that fails, the log refuses further appends.
 */
public final class DisclosureLog {
    private static final String GENESIS = "0".repeat(64);
    private static final String HASH_MEMBER = ",\"hash\":\"";

    private final Path file;
    private final Path head;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition written = lock.newCondition();
    /** Appends waiting for the next group; guarded by {@link #lock}. */
    private List<Pending> queue = new ArrayList<>();
    /** Whether a thread is writing a group; guarded by {@link #lock}. */
    private boolean writing;
    private volatile String brokenBecause;
    /** The chain as on disk; changed only by the thread writing a group. */
    private long seq;
    private String lastHash;

    /** The outcome of {@link #verify()}: ok, or the first broken line and why. */
    public record Verification(boolean ok, long entries, long badLine, String problem, String headHash) {
    }

    /** One append waiting for its group to be durable. */
    private static final class Pending {
        final List<Disclosure> disclosures;
        final Instant time;
        boolean done;
        RuntimeException failure;

        Pending(List<Disclosure> disclosures, Instant time) {
            this.disclosures = disclosures;
            this.time = time;
        }
    }

    public DisclosureLog(Path file) {
        this.file = file;
        this.head = file.resolveSibling(file.getFileName() + ".head");
        Verification v = verify();
        this.seq = v.entries();
        this.lastHash = v.headHash();
        this.brokenBecause = v.ok() ? null : v.problem();
    }

    /** Appends these disclosures and returns once they are on disk (fsynced), in one group with concurrent appends. */
    public void append(List<Disclosure> disclosures, Instant time) {
        if (disclosures.isEmpty()) {
            return;
        }
        Pending mine = new Pending(List.copyOf(disclosures), time);
        lock.lock();
        try {
            refuseIfBroken();
            queue.add(mine);
            while (!mine.done) {
                if (writing) {
                    written.awaitUninterruptibly();
                    continue;
                }
                writing = true;
                List<Pending> group = queue;
                queue = new ArrayList<>();
                RuntimeException failure = null;
                lock.unlock();
                try {
                    write(group);
                } catch (RuntimeException e) {
                    failure = e;
                } finally {
                    lock.lock();
                }
                for (Pending p : group) {
                    p.done = true;
                    p.failure = failure;
                }
                writing = false;
                written.signalAll();
            }
        } finally {
            lock.unlock();
        }
        if (mine.failure != null) {
            throw mine.failure;
        }
    }

    private void refuseIfBroken() {
        if (brokenBecause != null) {
            throw new IllegalStateException("the disclosure log " + file + " fails verification, nothing more is"
                    + " appended to it: " + brokenBecause);
        }
    }

    /** Writes and fsyncs one group; the chain advances only when the group is on disk. */
    private void write(List<Pending> group) {
        refuseIfBroken();
        long n = seq;
        ChainWriter lines = new ChainWriter(lastHash);
        for (Pending p : group) {
            String time = Timestamps.format(p.time);
            for (Disclosure d : p.disclosures) {
                lines.append(++n, time, d);
            }
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                long before = ch.size();
                try {
                    ByteBuffer buffer = ByteBuffer.wrap(lines.buffer(), 0, lines.length());
                    for (long at = before; buffer.hasRemaining(); ) {
                        at += ch.write(buffer, at);
                    }
                    ch.force(false);
                } catch (IOException e) {
                    cutBack(ch, before, e);
                    throw e;
                }
            }
            seq = n;
            lastHash = lines.lastHash();
            Path tmp = head.resolveSibling(head.getFileName() + ".tmp");
            Files.writeString(tmp, seq + " " + lastHash + "\n");
            Files.move(tmp, head, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the disclosure log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Removes a partly written group, so the chain on disk stays the one in memory; else the log is closed for appends. */
    private void cutBack(FileChannel ch, long size, IOException cause) {
        try {
            ch.truncate(size);
            ch.force(false);
        } catch (IOException e) {
            brokenBecause = "a write failed (" + cause.getMessage() + ") and could not be cut off (" + e.getMessage() + ")";
        }
    }

    /** Checks the whole chain and the head file; names the first line that is wrong. */
    public Verification verify() {
        lock.lock();
        try {
            while (writing) {
                written.awaitUninterruptibly();
            }
            return verifyFile();
        } finally {
            lock.unlock();
        }
    }

    private Verification verifyFile() {
        long n = 0;
        String prev = GENESIS;
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    n++;
                    String problem = check(line, n, prev);
                    if (problem != null) {
                        return new Verification(false, n - 1, n, problem, prev);
                    }
                    prev = line.substring(line.lastIndexOf(HASH_MEMBER) + HASH_MEMBER.length(), line.length() - 2);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the disclosure log " + file + ": " + e.getMessage(), e);
            }
        }
        return checkHead(n, prev);
    }

    /** Every disclosure to or from this partner, oldest first. */
    public List<Disclosure> report(String partner) {
        lock.lock();
        try {
            while (writing) {
                written.awaitUninterruptibly();
            }
            return reportFile(partner);
        } finally {
            lock.unlock();
        }
    }

    private List<Disclosure> reportFile(String partner) {
        List<Disclosure> out = new ArrayList<>();
        if (!Files.exists(file)) {
            return out;
        }
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode n = StixJson.readTree(line);
                if (n.path("partner").asText().equals(partner)) {
                    out.add(new Disclosure(n.path("seq").asLong(), Timestamps.parse(n.path("time").asText()), partner,
                            Disclosure.Direction.valueOf(n.path("direction").asText().toUpperCase(Locale.ROOT)),
                            n.path("object").asText(), n.path("version").asText(), n.path("request").asText()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the disclosure log " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private Verification checkHead(long n, String last) {
        if (!Files.exists(head)) {
            return n == 0 ? new Verification(true, 0, 0, null, last)
                    : new Verification(false, n, n, "the head file " + head + " is missing", last);
        }
        try {
            String[] parts = Files.readString(head).trim().split(" ");
            if (parts.length != 2 || Long.parseLong(parts[0]) != n || !parts[1].equals(last)) {
                return new Verification(false, n, n + 1, "the log ends at entry " + n + " but the head file says "
                        + parts[0] + " entries: lines were cut from the end, or the head file was edited", last);
            }
        } catch (IOException | NumberFormatException e) {
            return new Verification(false, n, n, "the head file " + head + " cannot be read", last);
        }
        return new Verification(true, n, 0, null, last);
    }

    private static String check(String line, long n, String prev) {
        int at = line.lastIndexOf(HASH_MEMBER);
        if (at < 0 || !line.endsWith("\"}")) {
            return "line " + n + " is not a disclosure entry";
        }
        String hash = line.substring(at + HASH_MEMBER.length(), line.length() - 2);
        String canonical = line.substring(0, at) + "}";
        JsonNode node;
        try {
            node = StixJson.readTree(canonical);
        } catch (RuntimeException e) {
            return "line " + n + " is not valid JSON";
        }
        if (node.path("seq").asLong(-1) != n) {
            return "line " + n + " carries seq " + node.path("seq").asText() + ": lines were deleted or reordered";
        }
        if (!node.path("prev").asText().equals(prev)) {
            return "line " + n + " does not chain to the line before it: lines were deleted, reordered or edited";
        }
        if (!sha256(prev + canonical).equals(hash)) {
            return "line " + n + " was edited (its hash does not match its content)";
        }
        return null;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
