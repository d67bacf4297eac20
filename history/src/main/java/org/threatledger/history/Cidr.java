package org.threatledger.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * An address range ({@code 10.1.16.0/20}, {@code 2001:db8::/32}) as the history looks it up.
 * Addresses are stored as text, so an IPv4 range is a handful of text prefixes: whole octets are a
 * prefix ending in a dot ({@code /16} -> {@code "10.1."}), and a partial octet is one prefix per
 * value it can take (at most 128 for {@code /n} with {@code n % 8 == 1}). IPv6 text is compressed
 * ({@code ::}), so an IPv6 range scans every stored IPv6 address. Either way every candidate is
 * checked against the range, so a prefix only narrows the scan.
 *
 * @param v6      whether it is an IPv6 range
 * @param high    the network's first 64 bits (IPv4: the address in the low 32 bits)
 * @param low     the network's last 64 bits (IPv6 only)
 * @param bits    the prefix length
 */
record Cidr(boolean v6, long high, long low, int bits) {

    /** The range written {@code address/bits}, or empty when it is not one. */
    static Optional<Cidr> parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        int bits;
        try {
            bits = Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        String address = text.substring(0, slash);
        if (address.indexOf(':') >= 0) {
            long[] a = ipv6(address);
            if (a == null || bits < 0 || bits > 128) {
                return Optional.empty();
            }
            return Optional.of(new Cidr(true, a[0] & mask(Math.min(bits, 64)), a[1] & mask(Math.max(0, bits - 64)), bits));
        }
        long a = ipv4(address);
        if (a < 0 || bits < 0 || bits > 32) {
            return Optional.empty();
        }
        return Optional.of(new Cidr(false, a & (mask(bits + 32) & 0xffff_ffffL), 0, bits));
    }

    /** Whether the address written {@code text} (of this range's family) is inside the range. */
    boolean contains(String text) {
        if (v6) {
            long[] a = ipv6(text);
            return a != null && (a[0] & mask(Math.min(bits, 64))) == high && (a[1] & mask(Math.max(0, bits - 64))) == low;
        }
        long a = ipv4(text);
        return a >= 0 && (a & mask(bits + 32) & 0xffff_ffffL) == high;
    }

    /** A predicate form of {@link #contains}. */
    Predicate<String> members() {
        return this::contains;
    }

    /** The text prefixes that together cover the range (IPv6: the empty prefix). */
    List<String> prefixes() {
        List<String> out = new ArrayList<>();
        if (v6) {
            out.add("");
            return out;
        }
        int whole = bits / 8;
        StringBuilder fixed = new StringBuilder();
        for (int i = 0; i < whole; i++) {
            fixed.append(octet(i)).append('.');
        }
        if (whole == 4) {
            out.add(fixed.substring(0, fixed.length() - 1));
            return out;
        }
        int rest = bits % 8;
        if (rest == 0) {
            out.add(fixed.toString());
            return out;
        }
        int first = octet(whole);
        int count = 1 << (8 - rest);
        for (int v = first; v < first + count; v++) {
            out.add(fixed + Integer.toString(v) + (whole + 1 < 4 ? "." : ""));
        }
        return out;
    }

    private int octet(int i) {
        return (int) (high >>> (24 - 8 * i)) & 0xff;
    }

    /** The top {@code n} bits of a 64-bit word set (n from 0 to 64). */
    private static long mask(int n) {
        return n == 0 ? 0 : -1L << (64 - n);
    }

    /** A dotted-quad IPv4 address as an unsigned 32-bit value, or -1. */
    static long ipv4(String s) {
        long value = 0;
        int parts = 0;
        int i = 0;
        while (i <= s.length()) {
            int start = i;
            int v = 0;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                v = v * 10 + s.charAt(i) - '0';
                i++;
            }
            if (i == start || v > 255 || ++parts > 4) {
                return -1;
            }
            value = value << 8 | v;
            if (i == s.length()) {
                break;
            }
            if (s.charAt(i) != '.') {
                return -1;
            }
            i++;
        }
        return parts == 4 ? value : -1;
    }

    /** An IPv6 address (with {@code ::} and an embedded IPv4 tail allowed) as two 64-bit halves, or null. */
    static long[] ipv6(String s) {
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = 0;
        if (s.startsWith("::")) {
            gap = 0;
            i = 2;
        }
        while (i < s.length()) {
            int end = i;
            while (end < s.length() && s.charAt(end) != ':') {
                end++;
            }
            String part = s.substring(i, end);
            if (part.indexOf('.') >= 0) {
                long v4 = ipv4(part);
                if (v4 < 0 || end != s.length() || n > 6) {
                    return null;
                }
                groups[n++] = (int) (v4 >>> 16);
                groups[n++] = (int) (v4 & 0xffff);
                i = end;
                break;
            }
            if (part.isEmpty() || part.length() > 4 || n == 8) {
                return null;
            }
            try {
                groups[n++] = Integer.parseInt(part, 16);
            } catch (NumberFormatException e) {
                return null;
            }
            if (end < s.length() - 1 && s.charAt(end + 1) == ':') {
                if (gap >= 0) {
                    return null;
                }
                gap = n;
                i = end + 2;
            } else {
                i = end + 1;
                if (end == s.length() - 1) {
                    return null; // a single trailing colon
                }
            }
        }
        if (gap < 0 && n != 8 || gap >= 0 && n > 7) {
            return null;
        }
        int[] full = new int[8];
        if (gap < 0) {
            full = groups;
        } else {
            int tail = n - gap;
            System.arraycopy(groups, 0, full, 0, gap);
            System.arraycopy(groups, gap, full, 8 - tail, tail);
        }
        long high = 0;
        long low = 0;
        for (int g = 0; g < 4; g++) {
            high = high << 16 | full[g];
            low = low << 16 | full[g + 4];
        }
        return new long[] {high, low};
    }
}
