package org.threatledger.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import org.threatledger.stix.StixJson;
import org.threatledger.stix.Timestamps;

/**
 * The disclosure log {@code <home>/disclosures.log}: append-only JSON lines, one per object version
 * sent to or received from a partner, hash-chained: each line carries the previous line's hash and
 * its own, {@code hash = SHA-256(prev hash + the line without its hash member)}, so editing,
 * deleting or reordering any line breaks the chain at that line.
 *
 * <p>Cutting lines off the end leaves a valid shorter chain; to detect that, the count and last hash
 * are also kept in {@code disclosures.head}, rewritten (atomically) after every append. The
 * trade-off: someone who can write both files can still cut the tail and rewrite the head, so
 * {@code audit verify} prints the head hash for the operator to anchor elsewhere (a ticket, a
 * signed mail); a line is fsynced before its request is answered, which costs one fsync per page.
 */
public final class DisclosureLog {
    private static final String GENESIS = "0".repeat(64);
    private static final String HASH_MEMBER = ",\"hash\":\"";

    private final Path file;
    private final Path head;
    private final String brokenBecause;
    private long seq;
    private String lastHash;

    /** The outcome of {@link #verify()}: ok, or the first broken line and why. */
    public record Verification(boolean ok, long entries, long badLine, String problem, String headHash) {
    }

    public DisclosureLog(Path file) {
        this.file = file;
        this.head = file.resolveSibling(file.getFileName() + ".head");
        Verification v = verify();
        this.seq = v.entries();
        this.lastHash = v.headHash();
        this.brokenBecause = v.ok() ? null : v.problem();
    }

    /** Appends these disclosures (one fsync for the batch). */
    public synchronized void append(List<Disclosure> disclosures, Instant time) {
        if (disclosures.isEmpty()) {
            return;
        }
        if (brokenBecause != null) {
            throw new IllegalStateException("the disclosure log " + file + " fails verification, nothing more is"
                    + " appended to it: " + brokenBecause);
        }
        StringBuilder lines = new StringBuilder();
        for (Disclosure d : disclosures) {
            String canonical = canonical(++seq, time, d);
            lastHash = sha256(lastHash + canonical);
            lines.append(canonical, 0, canonical.length() - 1).append(HASH_MEMBER).append(lastHash).append("\"}\n");
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (var ch = java.nio.channels.FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND)) {
                ch.write(java.nio.ByteBuffer.wrap(lines.toString().getBytes(StandardCharsets.UTF_8)));
                ch.force(false);
            }
            Path tmp = head.resolveSibling(head.getFileName() + ".tmp");
            Files.writeString(tmp, seq + " " + lastHash + "\n");
            Files.move(tmp, head, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the disclosure log " + file + ": " + e.getMessage(), e);
        }
    }

    /** Checks the whole chain and the head file; names the first line that is wrong. */
    public synchronized Verification verify() {
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
    public synchronized List<Disclosure> report(String partner) {
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

    private String canonical(long n, Instant time, Disclosure d) {
        com.fasterxml.jackson.databind.node.ObjectNode o = StixJson.object();
        o.put("seq", n);
        o.put("time", Timestamps.format(time));
        o.put("partner", d.partner());
        o.put("direction", d.direction().name().toLowerCase(Locale.ROOT));
        o.put("object", d.objectId());
        o.put("version", d.version());
        o.put("request", d.requestId());
        o.put("prev", lastHash);
        return StixJson.write(o);
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
