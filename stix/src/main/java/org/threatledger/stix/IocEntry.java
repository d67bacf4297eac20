package org.threatledger.stix;

/**
 * One atomic indicator from a list (maltrail trail, CSV row, plain hash list): a normalised value,
 * stored compactly rather than as a full STIX object, and exported as a STIX indicator on demand.
 *
 * @param listId     the {@code x-threatledger-ioc-list} object this entry belongs to
 * @param type       the value's kind
 * @param value      the normalised value (lower-case host, canonical IP, lower-case hex hash, CIDR in
 *                   network form); for {@link IocType#IP_PORT} the address alone
 * @param port       the port for {@link IocType#IP_PORT}, else -1
 * @param subdomains for domains: whether subdomains of the value match too
 * @param comment    a comment from the list (may be null)
 * @param reference  a reference URL or document from the list (may be null)
 * @param line       1-based line in the source list
 */
public record IocEntry(
        String listId, IocType type, String value, int port, boolean subdomains,
        String comment, String reference, long line) {
}
