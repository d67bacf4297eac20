package org.threatledger.exports;

import java.util.Locale;
import org.threatledger.stix.IocType;

/**
 * The kinds of atomic value an export writes: the list value types plus what STIX indicators add
 * (a file name, a certificate hash, a subdomain wildcard with no domain itself).
 */
public enum ValueKind {
    IPV4, IPV6, CIDR4, CIDR6, IP_PORT, DOMAIN,
    /** {@code *.example.com}: subdomains only ({@code domain-name:value LIKE '%.example.com'}). */
    SUBDOMAINS_OF,
    URL, EMAIL, MD5, SHA1, SHA256, FILE_NAME,
    /** The SHA-1 of an X.509 certificate. */
    CERT_SHA1;

    /** The kind of a list value. */
    static ValueKind of(IocType type) {
        return valueOf(type.name());
    }

    /** The list value type this kind normalises as, or null for kinds lists do not carry. */
    IocType iocType() {
        return switch (this) {
            case SUBDOMAINS_OF -> IocType.DOMAIN;
            case FILE_NAME -> null;
            case CERT_SHA1 -> IocType.SHA1;
            default -> IocType.valueOf(name());
        };
    }

    /** The lower-case name used in CSV and JSON: {@code ip_port}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
