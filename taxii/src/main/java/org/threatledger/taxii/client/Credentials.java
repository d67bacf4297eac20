package org.threatledger.taxii.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/**
 * How the client authenticates: HTTP Basic (TAXII 2.1 §3.3 requires servers to offer it), a bearer
 * token, or nothing. The secret never appears in {@link #toString()} or in any error message.
 */
public final class Credentials {
    private static final Credentials NONE = new Credentials(null, "none");

    private final String authorization;
    private final String description;

    private Credentials(String authorization, String description) {
        this.authorization = authorization;
        this.description = description;
    }

    /** No Authorization header. */
    public static Credentials none() {
        return NONE;
    }

    /** HTTP Basic with a user name and password. */
    public static Credentials basic(String user, String password) {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        if (user.indexOf(':') >= 0) {
            throw new IllegalArgumentException("a Basic user name cannot contain ':' (RFC 7617), got '" + user + "'");
        }
        String token = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Credentials("Basic " + token, "basic user '" + user + "'");
    }

    /** A bearer token (an API key). */
    public static Credentials bearer(String token) {
        if (token == null || token.isBlank() || token.chars().anyMatch(c -> c < 0x21 || c > 0x7e)) {
            throw new IllegalArgumentException("a bearer token must be non-empty printable ASCII without spaces");
        }
        return new Credentials("Bearer " + token, "bearer token");
    }

    /** The Authorization header value, if any. */
    Optional<String> authorization() {
        return Optional.ofNullable(authorization);
    }

    @Override
    public String toString() {
        return description;
    }
}
