package org.threatledger.stix;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import org.threatledger.stix.IocValues.Invalid;

/**
 * The IP forms behind {@link IocValues}: strict dotted quads, IPv6 literals in RFC 5952 form,
 * CIDRs in network form and {@code ip:port}. See {@link IocValues} for the decisions.
 */
final class IpAddresses {
    private IpAddresses() {}

    static boolean isCidr(String v, int slash) {
        int n = v.length();
        if (slash + 1 >= n || n - slash - 1 > 3 || !IocValues.digitsAndDots(v, slash + 1, n) || v.indexOf('.', slash) >= 0) {
            return false;
        }
        return IocValues.digitsAndDots(v, 0, slash) || v.indexOf(':') >= 0;
    }

    static IocValue cidr(String v, int slash) {
        int prefix = decimal(v, slash + 1, v.length(), "CIDR prefix");
        if (v.indexOf(':') < 0) {
            if (prefix > 32) {
                throw new Invalid("has an IPv4 CIDR prefix /" + prefix + " above 32");
            }
            int bits = ipv4(v, 0, slash);
            int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
            if ((bits & ~mask) != 0) {
                throw new Invalid("is not a network address (host bits set); the network is "
                        + ipv4Text(bits & mask) + "/" + prefix);
            }
            return new IocValue(IocType.CIDR4, v, -1);
        }
        if (prefix > 128) {
            throw new Invalid("has an IPv6 CIDR prefix /" + prefix + " above 128");
        }
        byte[] a = ipv6(v.substring(0, slash));
        byte[] network = a.clone();
        for (int bit = prefix; bit < 128; bit++) {
            network[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
        }
        if (!Arrays.equals(a, network)) {
            throw new Invalid("is not a network address (host bits set); the network is "
                    + ipv6Text(network) + "/" + prefix);
        }
        return new IocValue(IocType.CIDR6, ipv6Text(a) + "/" + prefix, -1);
    }

    static IocValue ipPort4(String v, int colon) {
        if (!IocValues.digitsAndDots(v, 0, colon)) {
            throw new Invalid("is not a value of any indicator type (a host with a port is neither ip:port nor a domain)");
        }
        ipv4(v, 0, colon);
        int port = port(v, colon + 1, v.length());
        return new IocValue(IocType.IP_PORT, v.substring(0, colon), port);
    }

    static IocValue ipPort6(String v) {
        int close = v.indexOf(']');
        if (close < 0 || close + 1 >= v.length() || v.charAt(close + 1) != ':') {
            throw new Invalid("is not [IPv6]:port");
        }
        byte[] a = ipv6(v.substring(1, close));
        int port = port(v, close + 2, v.length());
        return new IocValue(IocType.IP_PORT, ipv6Text(a), port);
    }

    /** A decimal of 1-5 digits without a leading zero (except "0" itself). */
    static int decimal(String v, int from, int to, String what) {
        if (from >= to || to - from > 5) {
            throw new Invalid("has a malformed " + what);
        }
        if (v.charAt(from) == '0' && to - from > 1) {
            throw new Invalid("has a " + what + " with a leading zero");
        }
        int n = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new Invalid("has a malformed " + what);
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    static int port(String v, int from, int to) {
        int port = decimal(v, from, to, "port");
        if (port < 1 || port > 65535) {
            throw new Invalid("has port " + port + " outside 1-65535");
        }
        return port;
    }

    /** The 32 bits of a strict dotted quad in {@code v[from, to)}, or {@link Invalid}. */
    static int ipv4(String v, int from, int to) {
        int bits = 0;
        int octets = 0;
        int start = from;
        for (int i = from; i <= to; i++) {
            if (i == to || v.charAt(i) == '.') {
                if (i == start || i - start > 3) {
                    throw new Invalid("is not an IPv4 address (empty or long octet)");
                }
                if (v.charAt(start) == '0' && i - start > 1) {
                    throw new Invalid("is not an unambiguous IPv4 address (octet with a leading zero)");
                }
                int octet = 0;
                for (int k = start; k < i; k++) {
                    char c = v.charAt(k);
                    if (c < '0' || c > '9') {
                        throw new Invalid("is not an IPv4 address");
                    }
                    octet = octet * 10 + (c - '0');
                }
                if (octet > 255) {
                    throw new Invalid("is not an IPv4 address (octet " + octet + " above 255)");
                }
                bits = (bits << 8) | octet;
                octets++;
                start = i + 1;
            }
        }
        if (octets != 4) {
            throw new Invalid("is not an IPv4 address (" + octets + " octets)");
        }
        return bits;
    }

    static String ipv4Text(int bits) {
        return (bits >>> 24) + "." + ((bits >>> 16) & 0xff) + "." + ((bits >>> 8) & 0xff) + "." + (bits & 0xff);
    }

    /** The 16 bytes of an IPv6 literal; the text is checked first so InetAddress never resolves a name. */
    static byte[] ipv6(String v) {
        if (v.isEmpty() || v.length() > 45 || v.indexOf(':') < 0 || v.charAt(0) == '.') {
            throw new Invalid("is not an IPv6 address");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (Character.digit(c, 16) < 0 && c != ':' && c != '.') {
                throw new Invalid("is not an IPv6 address (character '" + c + "')");
            }
        }
        InetAddress a;
        try {
            a = InetAddress.getByName(v);
        } catch (UnknownHostException | IllegalArgumentException e) {
            throw new Invalid("is not an IPv6 address");
        }
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(b, 0, mapped, 12, 4);
            return mapped;
        }
        return b;
    }

    /** RFC 5952 §4: lower-case hex, no leading zeros, the longest run (first on a tie) of two or more zero groups as {@code ::}. */
    static String ipv6Text(byte[] a) {
        boolean mapped = true;
        for (int i = 0; i < 10; i++) {
            mapped &= a[i] == 0;
        }
        if (mapped && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            return "::ffff:" + (a[12] & 0xff) + "." + (a[13] & 0xff) + "." + (a[14] & 0xff) + "." + (a[15] & 0xff);
        }
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLen = 1;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestStart = i;
                bestLen = j - i;
            }
            i = j;
        }
        StringBuilder sb = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                sb.append("::");
                i += bestLen - 1;
                continue;
            }
            if (sb.length() > 0 && sb.charAt(sb.length() - 1) != ':') {
                sb.append(':');
            }
            sb.append(Integer.toHexString(g[i]));
        }
        return sb.toString();
    }

}
