package org.threatledger.stix;

/** The kinds of atomic indicator value a list can carry, each with its STIX object path. */
public enum IocType {
    IPV4("ipv4-addr:value"),
    IPV6("ipv6-addr:value"),
    CIDR4("ipv4-addr:value"),
    CIDR6("ipv6-addr:value"),
    IP_PORT("network-traffic:dst_ref.value"),
    DOMAIN("domain-name:value"),
    URL("url:value"),
    EMAIL("email-addr:value"),
    MD5("file:hashes.MD5"),
    SHA1("file:hashes.'SHA-1'"),
    SHA256("file:hashes.'SHA-256'");

    private final String objectPath;

    IocType(String objectPath) {
        this.objectPath = objectPath;
    }

    /** The STIX object path a pattern for this value compares. */
    public String objectPath() {
        return objectPath;
    }

    /** The lower-case name used in reports and JSON: {@code ip_port}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
