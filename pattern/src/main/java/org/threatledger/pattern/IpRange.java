package org.threatledger.pattern;

/**
 * An IPv4 or IPv6 address or CIDR block for ISSUBSET and ISSUPERSET (STIX 2.1 §9.5): the address
 * as 128 bits (IPv4 in the low 32) and a prefix length; a plain address is a full-length prefix.
 * Host bits are masked off. Parsing is purely textual (never a name lookup) and returns null for
 * anything that is not an address or block, so a bad observed value simply does not compare.
 */
record IpRange(boolean v6, long high, long low, int prefix) {

    /** Parses {@code a.b.c.d[/n]} or an IPv6 address {@code [/n]}; null when it is neither. */
    static IpRange parse(String text) {
        if (!Cidrs.isAddressOrCidr(text)) {
            return null;
        }
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        boolean v6 = address.indexOf(':') >= 0;
        int max = v6 ? 128 : 32;
        int prefix = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
        long[] bits = v6 ? ipv6(address) : new long[] {0, ipv4(address)};
        return new IpRange(v6, bits[0], bits[1], prefix).masked();
    }

    /** True when every address of {@code other} lies in this block (same family only). */
    boolean contains(IpRange other) {
        if (v6 != other.v6 || other.prefix < prefix) {
            return false;
        }
        IpRange narrowed = new IpRange(v6, other.high, other.low, prefix).masked();
        return narrowed.high == high && narrowed.low == low;
    }

    /** Clears the host bits below the prefix. */
    private IpRange masked() {
        int bits = v6 ? prefix : prefix + 96; // IPv4 lives in the low 32 of 128 bits
        long highMask = bits >= 64 ? -1L : mask(bits);
        long lowMask = bits <= 64 ? 0L : mask(bits - 64);
        if (!v6) {
            highMask = 0L;
        }
        return new IpRange(v6, high & highMask, low & lowMask, prefix);
    }

    /** The top {@code bits} bits of a long set (0..64). */
    private static long mask(int bits) {
        if (bits <= 0) {
            return 0L;
        }
        return bits >= 64 ? -1L : -1L << (64 - bits);
    }

    private static long ipv4(String text) {
        long value = 0;
        for (String part : text.split("\\.", -1)) {
            value = (value << 8) | Integer.parseInt(part);
        }
        return value;
    }

    /** Expands {@code ::} and a trailing dotted IPv4 part into eight 16-bit groups. */
    private static long[] ipv6(String text) {
        int[] groups = new int[8];
        int doubleColon = text.indexOf("::");
        String head = doubleColon < 0 ? text : text.substring(0, doubleColon);
        String tail = doubleColon < 0 ? "" : text.substring(doubleColon + 2);
        int[] front = groups(head);
        int[] back = groups(tail);
        System.arraycopy(front, 0, groups, 0, front.length);
        System.arraycopy(back, 0, groups, 8 - back.length, back.length);
        long high = 0;
        long low = 0;
        for (int i = 0; i < 4; i++) {
            high = (high << 16) | groups[i];
            low = (low << 16) | groups[i + 4];
        }
        return new long[] {high, low};
    }

    private static int[] groups(String text) {
        if (text.isEmpty()) {
            return new int[0];
        }
        String[] parts = text.split(":", -1);
        boolean dotted = parts[parts.length - 1].indexOf('.') >= 0;
        int[] groups = new int[parts.length + (dotted ? 1 : 0)];
        for (int i = 0; i < parts.length; i++) {
            if (dotted && i == parts.length - 1) {
                long v4 = ipv4(parts[i]);
                groups[i] = (int) (v4 >>> 16);
                groups[i + 1] = (int) (v4 & 0xffff);
            } else {
                groups[i] = Integer.parseInt(parts[i], 16);
            }
        }
        return groups;
    }
}
