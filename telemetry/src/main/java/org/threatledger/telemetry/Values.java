package org.threatledger.telemetry;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import org.threatledger.match.ObservationType;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;
import org.threatledger.stix.StixException;

/**
 * Normalisers for observed values, with the rules of {@code org.threatledger.stix.IocValue}
 * (lower-case hosts, IDNA A-labels, no trailing dot, canonical addresses, lower-case hex, URL
 * normal form) but tuned for the hot path: they take text that is already lower case and return
 * the same instance when nothing changes, so a DNS query costs one allocation.
 *
 * <p>One deliberate difference: a host name may have a single label ({@code wpad}), because DNS
 * traffic is full of them; indicators always have two or more, so such a value simply never hits.
 * Every method returns null for a value that is not of its kind; callers count it.
 */
final class Values {
    private static final int MAX_HOST = 253;

    private Values() {}

    /** The host name in normal form, from text already in ASCII lower case; null if it is none. */
    static String hostName(String lower) {
        String d = lower;
        int n = d.length();
        if (n > 1 && d.charAt(n - 1) == '.') {
            d = d.substring(0, --n);
        }
        if (n == 0 || n > MAX_HOST) {
            return null;
        }
        int labelStart = 0;
        for (int i = 0; i <= n; i++) {
            char c = i == n ? '.' : d.charAt(i);
            if (c == '.') {
                int len = i - labelStart;
                if (len == 0 || len > 63 || d.charAt(labelStart) == '-' || d.charAt(i - 1) == '-') {
                    return null;
                }
                labelStart = i + 1;
            } else if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return c >= 0x80 ? idnHost(d) : null;
            }
        }
        return digitsAndDots(d) ? null : d;
    }

    private static String idnHost(String d) {
        try {
            String ascii = IDN.toASCII(d);
            return ascii.equals(d) ? null : hostName(lowerAscii(ascii));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether the text is an IPv4 address: four decimal octets 0-255, no leading zeros. */
    static boolean isIpv4(String s) {
        int n = s.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int state = 0;
        for (int i = 0; i < n && state >= 0; i++) {
            state = ipv4Step(state, s.charAt(i));
        }
        return ipv4End(state);
    }

    /**
     * One character of the IPv4 check, over a state that packs the octet so far (bits 0-9), its
     * digits (10-11) and the dots seen (12-14); 0 to start, negative once the text is no address.
     * Shared by the text and the byte ({@link TsvDns}) checks.
     */
    static int ipv4Step(int state, int c) {
        int octet = state & 0x3ff;
        int digits = state >>> 10 & 3;
        int dots = state >>> 12;
        if (c == '.') {
            return digits == 0 || octet > 255 ? -1 : (dots + 1) << 12;
        }
        if (c < '0' || c > '9' || digits > 0 && octet == 0 || digits == 3) {
            return -1;
        }
        return dots << 12 | (digits + 1) << 10 | (octet * 10 + (c - '0'));
    }

    /** Whether the state after the last character is a whole address: three dots and a last octet. */
    static boolean ipv4End(int state) {
        return state >= 0 && ipv4Step(state, '.') == 4 << 12;
    }

    /** The canonical IPv6 text (RFC 5952), or null; the same instance when already canonical. */
    static String ipv6(String s) {
        if (s.indexOf(':') < 0 || s.length() > 45) {
            return null;
        }
        if (s.indexOf('.') >= 0) {
            return ipv6Slow(s);
        }
        // a character past Latin-1 becomes '?', which is no hex digit, so such text is no address
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return ipv6(b, 0, b.length, s);
    }

    /** What {@link #ipv6OrSame} returns for text already in canonical form (compared by identity). */
    static final String SAME = new String("the same text");

    /**
     * {@link #ipv6(String)} of the ASCII text {@code b[from, to)}, read in place (the dns reader's
     * answers), or {@link #SAME} when it is an address already in canonical form (Zeek writes them
     * so): its bytes can then be handed on as they are, and a String is made only for an address
     * that is not. Text with an embedded IPv4 part ({@code ::ffff:1.2.3.4}) is left to the text
     * path: null here.
     */
    static String ipv6OrSame(byte[] b, int from, int to) {
        if (to - from > 45 || indexOf(b, from, to, (byte) '.') >= 0) {
            return null;
        }
        return ipv6(b, from, to, SAME);
    }

    /** The first position of {@code c} in {@code b[from, to)}, or -1. */
    static int indexOf(byte[] b, int from, int to, byte c) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Parses hex groups from {@code b[from, to)} (no dots): the canonical text, which is
     * {@code original} itself when the input is already canonical; null when it is no address.
     */
    private static String ipv6(byte[] b, int from, int to, String original) {
        int[] groups = new int[8];
        int n = 0;
        int gap = -1;
        int i = from;
        if (to - from >= 2 && b[from] == ':' && b[from + 1] == ':') {
            gap = 0;
            i = from + 2;
        } else if (i < to && b[i] == ':') {
            return null;
        }
        while (i < to) {
            int value = 0;
            int digits = 0;
            while (i < to && b[i] != ':') {
                int d = Character.digit(b[i++] & 0xff, 16);
                if (d < 0 || ++digits > 4) {
                    return null;
                }
                value = value * 16 + d;
            }
            if (digits == 0 || n == 8) {
                return null;
            }
            groups[n++] = value;
            if (i < to) {
                i++;
                if (i < to && b[i] == ':') {
                    if (gap >= 0) {
                        return null;
                    }
                    gap = n;
                    i++;
                } else if (i == to) {
                    return null;
                }
            }
        }
        if (gap < 0 ? n != 8 : n == 8) {
            return null;
        }
        if (gap >= 0) {
            int tail = n - gap;
            System.arraycopy(groups, gap, groups, 8 - tail, tail);
            java.util.Arrays.fill(groups, gap, 8 - tail, 0);
        }
        return ipv6Text(groups, b, from, to, original);
    }

    /**
     * RFC 5952 §4: lower-case hex, no leading zeros, the longest run of two or more zero groups as
     * "::". When {@code b[from, to)} is already in that form (Zeek writes it so) the result is
     * {@code original}.
     */
    private static String ipv6Text(int[] g, byte[] b, int from, int to, String original) {
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        if (isText(g, bestStart, bestLen, b, from, to)) {
            return original;
        }
        char[] out = new char[39];
        int n = 0;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out[n++] = ':';
                out[n++] = ':';
                i += bestLen - 1;
                continue;
            }
            if (n > 0 && out[n - 1] != ':') {
                out[n++] = ':';
            }
            int v = g[i];
            for (int shift = v > 0xfff ? 12 : v > 0xff ? 8 : v > 0xf ? 4 : 0; shift >= 0; shift -= 4) {
                out[n++] = Character.forDigit((v >> shift) & 0xf, 16);
            }
        }
        return new String(out, 0, n);
    }

    /**
     * Whether {@code b[from, to)} is exactly the RFC 5952 form of the groups with the zero run
     * {@code [bestStart, bestStart + bestLen)} written as "::" (no run when {@code bestStart} is -1):
     * the form {@link #ipv6Text} writes, compared byte by byte without writing it.
     */
    private static boolean isText(int[] g, int bestStart, int bestLen, byte[] b, int from, int to) {
        int p = from;
        boolean afterColon = true;
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                if (p + 2 > to || b[p] != ':' || b[p + 1] != ':') {
                    return false;
                }
                p += 2;
                afterColon = true;
                i += bestLen - 1;
                continue;
            }
            if (!afterColon) {
                if (p >= to || b[p++] != ':') {
                    return false;
                }
            }
            int v = g[i];
            for (int shift = v > 0xfff ? 12 : v > 0xff ? 8 : v > 0xf ? 4 : 0; shift >= 0; shift -= 4) {
                if (p >= to || b[p++] != Character.forDigit((v >> shift) & 0xf, 16)) {
                    return false;
                }
            }
            afterColon = false;
        }
        return p == to;
    }

    /** Addresses with an embedded IPv4 part ({@code ::ffff:1.2.3.4}): rare, left to IocValue. */
    private static String ipv6Slow(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                return null;
            }
        }
        try {
            return IocValue.of(IocType.IPV6, s).value();
        } catch (StixException e) {
            return null;
        }
    }

    /** The observation type of an address, or null when the text is no address. */
    static ObservationType addressType(String s) {
        if (isIpv4(s)) {
            return ObservationType.IPV4;
        }
        return s.indexOf(':') >= 0 ? ObservationType.IPV6 : null;
    }

    /** The canonical text of an address whose {@link #addressType} is known. */
    static String address(ObservationType type, String s) {
        return type == ObservationType.IPV4 ? s : ipv6(s);
    }

    /** Lower-case hex of exactly {@code digits} hex digits, or null. */
    static String hex(String s, int digits) {
        if (s.length() != digits) {
            return null;
        }
        for (int i = 0; i < digits; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return null;
            }
        }
        return lowerAscii(s);
    }

    /** A certificate serial as lower-case hex without separators ({@code 0A:1B} -> {@code 0a1b}), or null. */
    static String serial(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ':' || c == ' ') {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                return null;
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    /** A URL in the normal form of {@code IocValue}, or null. */
    static String url(String raw) {
        try {
            return IocValue.of(IocType.URL, raw).value();
        } catch (StixException e) {
            return null;
        }
    }

    /**
     * The address in an e-mail header value ({@code "Name" <a@b.example>} or a bare address) in
     * the normal form of {@code IocValue} (domain normalised, local part as written), or null.
     */
    static String email(String raw) {
        String s = raw;
        int lt = s.lastIndexOf('<');
        if (lt >= 0) {
            int gt = s.indexOf('>', lt);
            if (gt < 0) {
                return null;
            }
            s = s.substring(lt + 1, gt);
        }
        s = s.strip();
        if (s.indexOf('@') <= 0) {
            return null;
        }
        try {
            return IocValue.of(IocType.EMAIL, s).value();
        } catch (StixException e) {
            return null;
        }
    }

    /** ASCII lower case without allocating when already lower case (one rule, {@link IocValue#lowerAscii}). */
    static String lowerAscii(String s) {
        return IocValue.lowerAscii(s);
    }

    private static boolean digitsAndDots(String d) {
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return true;
    }
}
