package org.threatledger.taxii;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who is asking: HTTP Basic (TAXII 2.1 §1.6.2; user = partner name, password = its secret) or a
 * bearer API key {@code <partner name>.<secret>}. Secrets are kept only as argon2id hashes
 * (OWASP parameters: 19 MiB, 2 passes, 1 lane). An argon2 check costs ~tens of milliseconds, so a
 * credential that verified once is remembered by its SHA-256 (never the secret) and later requests
 * cost a hash lookup; revocation is checked on every request. An unknown partner still costs one
 * argon2 check, so timing does not tell which names exist.
 */
public final class Authenticator {
    private static final Argon2Function ARGON2 = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
    private static final String DUMMY_HASH = hash("not-a-secret-of-anyone");
    private static final int CACHE_LIMIT = 10_000;

    private final Map<String, Partner> partners;
    private final Map<String, String> verified = new ConcurrentHashMap<>();

    public Authenticator(List<Partner> partners) {
        Map<String, Partner> byName = new java.util.HashMap<>();
        partners.forEach(p -> byName.put(p.name(), p));
        this.partners = Map.copyOf(byName);
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
        Partner partner = partners.get(nameSecret[0]);
        if (known != null && partner != null && known.equals(partner.name())) {
            return partner.revoked() ? Optional.empty() : Optional.of(partner);
        }
        boolean ok = Password.check(nameSecret[1], partner == null ? DUMMY_HASH : partner.secretHash()).with(ARGON2);
        if (!ok || partner == null || partner.revoked()) {
            return Optional.empty();
        }
        if (verified.size() >= CACHE_LIMIT) {
            verified.clear();
        }
        verified.put(key, partner.name());
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
