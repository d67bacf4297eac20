package org.threatledger.stix;

/** Building STIX pattern text (STIX 2.1 §9) from values, with the quoting the grammar requires. */
public final class Patterns {
    private Patterns() {}

    /** A string literal: single quotes, with {@code \} and {@code '} escaped (§9.4 "String"). */
    public static String quote(String value) {
        StringBuilder sb = new StringBuilder(value.length() + 2).append('\'');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' || c == '\'') {
                sb.append('\\');
            }
            sb.append(c);
        }
        return sb.append('\'').toString();
    }

    /** {@code [path = 'value']}. */
    public static String equality(String objectPath, String value) {
        return "[" + objectPath + " = " + quote(value) + "]";
    }

    /** The pattern for one list entry; {@code ip:port} compares both the address and the port. */
    public static String of(IocType type, String value, int port) {
        return switch (type) {
            case CIDR4 -> "[ipv4-addr:value ISSUBSET " + quote(value) + "]";
            case CIDR6 -> "[ipv6-addr:value ISSUBSET " + quote(value) + "]";
            case IP_PORT -> "[network-traffic:dst_ref.value = " + quote(value)
                    + " AND network-traffic:dst_port = " + port + "]";
            default -> equality(type.objectPath(), value);
        };
    }
}
