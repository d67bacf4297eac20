package org.threatledger.taxii;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Who is asking: HTTP Basic (TAXII 2.1 §1.6.2; user = partner name, password = its secret) or a
 * bearer API key {@code <partner name>.<secret>}. Secrets are kept only as argon2id hashes
 * (OWASP parameters: 19 MiB, 2 passes, 1 lane). An argon2 check costs ~tens of milliseconds, so a
 * credential that verified once is remembered by its SHA-256 (never the secret) and later requests
 * cost a hash lookup. The partners are those of the configuration in force at each request (see
 * {@link LiveSharingConfig}): revocation, a new partner or a narrowed agreement apply to the next
 * request, and a remembered credential counts only while its partner still has the secret hash
 * it was verified against, so re-adding a partner with a new secret retires the old one at once.
 * An unknown partner still costs one argon2 check, so timing does not tell which names exist.
 */
public final class Authenticator {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    private static final String DUMMY_HASH = hash("not-a-secret-of-anyone");
    private static final int CACHE_LIMIT = 10_000;

    private final Supplier<List<Partner>> partners;
    private volatile Directory directory = new Directory(List.of(), Map.of());
    /** SHA-256 of an Authorization header that verified -> the secret hash it verified against. */
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    /** The partners of one configuration, by name; rebuilt when the configuration's partner list changes. */
    private record Directory(List<Partner> source, Map<String, Partner> byName) {
    }

    /** Authenticates against a fixed list of partners. */
    public Authenticator(List<Partner> partners) {
        this(() -> partners);
    }

    /** Authenticates against the partners {@code partners} gives at each request (a live configuration). */
    public Authenticator(Supplier<List<Partner>> partners) {
        this.partners = partners;
    }

    private Map<String, Partner> byName() {
        List<Partner> now = partners.get();
        Directory d = directory;
        if (d.source() != now) {
            Map<String, Partner> byName = new HashMap<>();
            now.forEach(p -> byName.put(p.name(), p));
            d = new Directory(now, Map.copyOf(byName));
            directory = d;
        }
        return d.byName();
    }

    /** A new random secret (256 bits, base64url), shown to the operator once. */
    public static String newSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The argon2id hash (PHC string) of a secret, with a fresh random salt. */
    public static String hash(String secret) {
        return Password.hash(secret).addRandomSalt(16).with(ARGON2).getResult();
    }

    /** The partner an Authorization header proves, if it proves one that is not revoked. */
    public Optional<Partner> authenticate(String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        String[] nameSecret = credentials(authorization.trim());
        if (nameSecret == null) {
            return Optional.empty();
        }
        String key = sha256(authorization.trim());
        String known = verified.get(key);
        Partner partner = byName().get(nameSecret[0]);
        if (known != null && partner != null && known.equals(partner.secretHash())) {
            return partner.revoked() ? Optional.empty() : Optional.of(partner);
        }
        boolean ok = Password.check(nameSecret[1], partner == null ? DUMMY_HASH : partner.secretHash()).with(ARGON2);
        if (!ok || partner == null || partner.revoked()) {
            return Optional.empty();
        }
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(key, partner.secretHash());
        return Optional.of(partner);
    }

    private static String[] credentials(String header) {
        int space = header.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = header.substring(0, space);
        String value = header.substring(space + 1).trim();
        if (scheme.equalsIgnoreCase("Basic")) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return null;
            }
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        }
        if (scheme.equalsIgnoreCase("Bearer")) {
            int dot = value.lastIndexOf('.');
            return dot <= 0 ? null : new String[] {value.substring(0, dot), value.substring(dot + 1)};
        }
        return null;
    }

    private static String sha256(String text) {
        try {
            return Base64.getEncoder().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
