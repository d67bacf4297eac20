package org.threatledger.match;

import org.threatledger.stix.IocType;

/**
 * What an {@link IndicatorSet} ordinal stands for, resolved after a hit (never on the hot path).
 *
 * @param id         the STIX indicator id; for a list entry the id its export gets
 *                   ({@code IocIndicators.indicator}), derived from list, type, value and port
 * @param listId     the list an entry belongs to; null for a STIX indicator
 * @param type       the entry's type; null for a STIX indicator
 * @param value      the entry's normalised value (a CIDR in network form); null for a STIX indicator
 * @param port       the entry's port for {@code ip_port}, else -1
 * @param subdomains whether the entry's domain matches its subdomains
 * @param pattern    the STIX pattern: the indicator's own, or the one an entry exports as
 */
public record IndicatorRef(String id, String listId, IocType type, String value, int port, boolean subdomains,
                           String pattern) {
}
