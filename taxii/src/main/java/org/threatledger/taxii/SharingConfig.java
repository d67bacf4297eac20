package org.threatledger.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.threatledger.stix.StixException;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.Tlp;

/**
 * The sharing configuration, one file {@code <home>/sharing.json} (documented in
 * docs/sharing.md): server identity, API roots, collections, partners and their agreements, the
 * default TLP of unmarked objects, the maximum request size, TLS, failed-auth limits and the
 * secret that signs pagination cursors. Read strictly: an unknown property or a bad value fails
 * with a message naming it, never a silent default.
 */
public record SharingConfig(String title, String description, String contact, List<ApiRootDefinition> apiRoots,
                            List<CollectionDefinition> collections, List<Partner> partners, Tlp defaultTlp,
                            long maxContentLength, String tlsKeystore, String tlsPassword,
                            int maxFailedAuth, int failedAuthWindowSeconds, String cursorSecret) {
    /** The file name inside the data directory. */
    public static final String FILE = "sharing.json";
    private static final Set<String> KNOWN = Set.of("title", "description", "contact", "api_roots", "collections",
            "partners", "default_tlp", "max_content_length", "tls", "failed_auth", "cursor_secret");

    public SharingConfig {
        apiRoots = List.copyOf(apiRoots);
        collections = List.copyOf(collections);
        partners = List.copyOf(partners);
    }

    /** A fresh configuration: one API root {@code intel}, no collections or partners, a new cursor secret. */
    public static SharingConfig initial() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return new SharingConfig("ThreatLedger", "Intelligence on state-sponsored cyber-espionage", null,
                List.of(new ApiRootDefinition("intel", "ThreatLedger intelligence", null)), List.of(), List.of(),
                Tlp.AMBER, 10L * 1024 * 1024, null, null, 10, 60,
                Base64.getUrlEncoder().withoutPadding().encodeToString(secret));
    }

    /** Reads the file, or returns {@link #initial()} when it does not exist. */
    public static SharingConfig load(Path file) {
        if (!Files.exists(file)) {
            return initial();
        }
        try {
            return parse(Files.readAllBytes(file), file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the content of the file {@code file}; errors name the file. */
    static SharingConfig parse(byte[] content, Path file) {
        JsonNode root;
        try {
            root = StixJson.readTree(new String(content, StandardCharsets.UTF_8));
        } catch (StixException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object");
        }
        return SharingConfigJson.read(root, file);
    }

    /** Writes the file atomically (owner-only permissions where the file system has them). */
    public void save(Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(tmp, SharingConfigJson.write(this).toPrettyString() + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system: the directory's permissions protect the file.
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public java.util.Optional<Partner> partner(String name) {
        return partners.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public java.util.Optional<CollectionDefinition> collection(String apiRoot, String id) {
        return collections.stream().filter(c -> c.apiRoot().equals(apiRoot) && c.id().equals(id)).findFirst();
    }

    /** This configuration with a partner added, or replaced when one of that name exists. */
    public SharingConfig withPartner(Partner partner) {
        List<Partner> out = new ArrayList<>(partners.stream().filter(p -> !p.name().equals(partner.name())).toList());
        out.add(partner);
        return new SharingConfig(title, description, contact, apiRoots, collections, out, defaultTlp, maxContentLength,
                tlsKeystore, tlsPassword, maxFailedAuth, failedAuthWindowSeconds, cursorSecret);
    }

    /** This configuration with a collection added, or replaced when one of that id exists. */
    public SharingConfig withCollection(CollectionDefinition collection) {
        CollectionQuery.parseOrNull(collection.query());
        List<CollectionDefinition> out = new ArrayList<>(collections.stream()
                .filter(c -> !c.id().equals(collection.id())).toList());
        out.add(collection);
        return new SharingConfig(title, description, contact, apiRoots, out, partners, defaultTlp, maxContentLength,
                tlsKeystore, tlsPassword, maxFailedAuth, failedAuthWindowSeconds, cursorSecret);
    }

    static void checkKnown(JsonNode node, Set<String> known, String where) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!known.contains(name)) {
                throw new IllegalArgumentException(where + ": unknown property '" + name + "'");
            }
        }
    }

    static Set<String> known() {
        return KNOWN;
    }

    static Tlp tlp(String text, String where) {
        return Tlp.parse(text).orElseThrow(() -> new IllegalArgumentException(
                where + ": '" + text + "' is not a TLP level (clear, green, amber, amber+strict, red)"));
    }

    static Set<Partner.Redaction> redactions(JsonNode array, String where) {
        EnumSet<Partner.Redaction> out = EnumSet.noneOf(Partner.Redaction.class);
        if (array != null) {
            for (JsonNode r : array) {
                try {
                    out.add(Partner.Redaction.valueOf(r.asText().toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(where + ": unknown redaction '" + r.asText()
                            + "' (victims, notes, sightings)", e);
                }
            }
        }
        return out;
    }

    static ArrayNode strings(List<String> values) {
        ArrayNode a = StixJson.mapper().createArrayNode();
        values.forEach(a::add);
        return a;
    }

    static ObjectNode node() {
        return StixJson.object();
    }
}
