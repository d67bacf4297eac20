package org.threatledger.stix;

import java.util.Objects;
import java.util.Optional;

/**
 * An atomic indicator value, normalised once: lower-case hosts, canonical IP addresses, CIDRs in
 * network form, lower-case hex hashes, URLs in normal form. Construct through {@link #detect},
 * {@link #parse} or {@link #of}; a value that is not what its type says is rejected, never
 * "corrected" (a CIDR with host bits set is rejected, naming its network). The rules, and the
 * detection order, are described on {@code IocValues}.
 *
 * @param type  the kind of value
 * @param value the normalised value (for {@link IocType#IP_PORT}: the address)
 * @param port  the port for {@link IocType#IP_PORT}, else -1
 */
public record IocValue(IocType type, String value, int port) {

    public IocValue {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (type == IocType.IP_PORT ? port < 1 || port > 65535 : port != -1) {
            throw new StixException("'" + value + "' " + type.label() + ": port " + port + " is not allowed");
        }
    }

    /** Detects the type of a raw list value ({@code 1.2.3.4:8443}, {@code evil.example}, a hash...). */
    public static Optional<IocValue> detect(String raw) {
        return IocValues.detect(raw);
    }

    /** Detects and normalises a raw value, or fails with a message naming the value and what is wrong. */
    public static IocValue parse(String raw) {
        return IocValues.parse(raw);
    }

    /** Normalises a value of a known type, or fails naming the value and the type. */
    public static IocValue of(IocType type, String raw) {
        return IocValues.normalise(type, raw);
    }

    /** The value as a list writes it: the address with its port for ip_port ({@code [::1]:443}). */
    public String text() {
        if (type != IocType.IP_PORT) {
            return value;
        }
        return value.indexOf(':') >= 0 ? "[" + value + "]:" + port : value + ":" + port;
    }

    /** ASCII lower case, returning the same string (no allocation) when it is already lower case. */
    public static String lowerAscii(String s) {
        return IocValues.lowerAscii(s);
    }
}
