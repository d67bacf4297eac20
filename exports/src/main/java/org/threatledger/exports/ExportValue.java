package org.threatledger.exports;

import org.threatledger.stix.Tlp;

/**
 * One atomic indicator value selected for export, normalised, with what the sensors' formats can
 * carry about it.
 *
 * @param kind       what the value is
 * @param value      the normalised value (for {@link ValueKind#IP_PORT}: the address)
 * @param port       the port for {@link ValueKind#IP_PORT}, else -1
 * @param subdomains for a domain: its subdomains match too
 * @param tlp        the effective TLP of the indicator or list it comes from
 * @param confidence the STIX {@code confidence} (0-100), or null when the source gives none
 * @param actor      the name of the actor it is attributed to, or null
 * @param source     where it came from (provenance source)
 * @param comment    the indicator's description or name, or the list entry's comment; may be null
 * @param reference  a URL or document reference; may be null
 * @param indicatorId the STIX indicator it is (for a list entry: the id it has in a STIX export)
 * @param modified   the indicator's (or list's) {@code modified} timestamp text
 */
public record ExportValue(
        ValueKind kind, String value, int port, boolean subdomains, Tlp tlp, Integer confidence,
        String actor, String source, String comment, String reference, String indicatorId, String modified) {

    /** The value as a list writes it: with its port for ip:port ({@code [::1]:443}). */
    public String text() {
        if (kind != ValueKind.IP_PORT) {
            return value;
        }
        return value.indexOf(':') >= 0 ? "[" + value + "]:" + port : value + ":" + port;
    }
}
