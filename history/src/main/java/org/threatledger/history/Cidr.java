package org.threatledger.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.threatledger.match.IpText;

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
    private static long ipv4(String s) {
        return IpText.ipv4(s, 0, s.length());
    }

    /** An IPv6 address as its two 64-bit halves, or null. */
    private static long[] ipv6(String s) {
        return IpText.ipv6(s, IpText.VALID) == 1 ? new long[] {IpText.ipv6(s, 0), IpText.ipv6(s, 1)} : null;
    }
}
