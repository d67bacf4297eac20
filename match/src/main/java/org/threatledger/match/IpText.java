package org.threatledger.match;

/**
 * IP address text to numbers, without allocating: observations arrive as text (dotted quad,
 * RFC 5952 IPv6) and the CIDR index compares numbers. Strict: what is not an address gives
 * "invalid", never a guess. Also used by the history to test addresses against ranges.
 */
public final class IpText {
    /** {@link #ipv6} with this half returns 1 for a valid address, else 0. */
    public static final int VALID = 2;

    private IpText() {}

    /** The IPv4 address in {@code s[from, to)} as an unsigned 32-bit value, or -1. */
    public static long ipv4(String s, int from, int to) {
        long address = 0;
        int octets = 0;
        int i = from;
        while (true) {
            int value = 0;
            int digits = 0;
            while (i < to && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                value = value * 10 + (s.charAt(i++) - '0');
                if (++digits > 3) {
                    return -1;
                }
            }
            if (digits == 0 || value > 255) {
                return -1;
            }
            address = (address << 8) | value;
            octets++;
            if (i == to) {
                return octets == 4 ? address : -1;
            }
            if (s.charAt(i++) != '.' || octets == 4) {
                return -1;
            }
        }
    }

    /**
     * One half of the IPv6 address {@code s} ({@code 0}: the high 64 bits, {@code 1}: the low),
     * or with {@link #VALID} 1 when {@code s} is an IPv6 address and 0 when not. Accepts any valid
     * form, RFC 5952 canonical text included, and a trailing dotted quad.
     */
    public static long ipv6(String s, int half) {
        int n = s.length();
        long headHi = 0;
        long headLo = 0;
        long tailHi = 0;
        long tailLo = 0;
        int head = 0;
        int tail = 0;
        boolean compressed = false;
        int i = 0;
        if (n >= 2 && s.charAt(0) == ':' && s.charAt(1) == ':') {
            compressed = true;
            i = 2;
        }
        while (i < n) {
            int start = i;
            int value = 0;
            int digits = 0;
            int d;
            while (i < n && (d = Character.digit(s.charAt(i), 16)) >= 0 && s.charAt(i) < 0x80) {
                value = (value << 4) | d;
                i++;
                if (++digits > 4) {
                    return invalid(half);
                }
            }
            if (i < n && s.charAt(i) == '.') {
                long v4 = ipv4(s, start, n);
                if (v4 < 0) {
                    return invalid(half);
                }
                if (compressed) {
                    tailHi = (tailHi << 32) | (tailLo >>> 32);
                    tailLo = (tailLo << 32) | v4;
                    tail += 2;
                } else {
                    headHi = (headHi << 32) | (headLo >>> 32);
                    headLo = (headLo << 32) | v4;
                    head += 2;
                }
                i = n;
                break;
            }
            if (digits == 0) {
                return invalid(half);
            }
            if (compressed) {
                tailHi = (tailHi << 16) | (tailLo >>> 48);
                tailLo = (tailLo << 16) | value;
                tail++;
            } else {
                headHi = (headHi << 16) | (headLo >>> 48);
                headLo = (headLo << 16) | value;
                head++;
            }
            if (i == n) {
                break;
            }
            if (s.charAt(i++) != ':' || i == n) {
                return invalid(half);
            }
            if (s.charAt(i) == ':') {
                if (compressed) {
                    return invalid(half);
                }
                compressed = true;
                i++;
            }
        }
        int groups = head + tail;
        if (compressed ? groups > 7 : groups != 8) {
            return invalid(half);
        }
        for (int g = head; g < 8; g++) {
            headHi = (headHi << 16) | (headLo >>> 48);
            headLo <<= 16;
        }
        if (half == VALID) {
            return 1;
        }
        return half == 0 ? headHi | tailHi : headLo | tailLo;
    }

    private static long invalid(int half) {
        return half == VALID ? 0 : -1;
    }
}
