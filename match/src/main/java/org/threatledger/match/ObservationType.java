package org.threatledger.match;

/** The kind of value an observation carries; each is normalised once, by the telemetry adapter. */
public enum ObservationType {
    /** lower-case host name, IDNA A-labels, no trailing dot */
    DOMAIN,
    /** dotted quad */
    IPV4,
    /** RFC 5952 canonical text */
    IPV6,
    /** URL in the normal form of {@code org.threatledger.stix.IocValue} (lower-case scheme and host) */
    URL,
    /** lower-case {@code local@domain} */
    EMAIL,
    /** lower-case hex */
    MD5,
    SHA1,
    SHA256,
    /** certificate serial, lower-case hex without separators */
    X509_SERIAL,
    /** certificate fingerprints, lower-case hex */
    X509_SHA1,
    X509_SHA256,
    /** TLS client / server fingerprints, lower-case hex */
    JA3,
    JA3S,
    /** a file name as seen */
    FILE_NAME,
    /** an HTTP user agent as seen */
    USER_AGENT
}
