package org.threatledger.stix;

import java.net.IDN;
import java.util.Optional;

/**
 * Detection and normalisation behind {@link IocValue}.
 *
 * <p>Design: hand-written scanners instead of regular expressions, because list imports run this
 * on every line (target: a million lines a second). A malformed value fails with {@link Invalid},
 * a stack-less exception carrying the reason; {@link #detect} turns it into "no value" and
 * {@link #parse} into a {@link StixException} that names the value and the reason.
 *
 * <p>Decisions (see also {@link IocValue}):
 * <ul>
 *   <li>Detection order: 32/40/64 hex digits are md5/sha1/sha256; {@code scheme://} is a url;
 *       {@code [v6]:port} and {@code a.b.c.d:port} are ip_port; {@code address/digits} is a CIDR;
 *       any other value with {@code /} is a url without scheme, and one that starts with {@code /}
 *       a host-less url: maltrail's path trails ({@code /gate.php}), meaning that path on any host;
 *       {@code local@domain} is an email;
 *       two or more colons is an IPv6 address; digits and dots an IPv4 address; else a domain.</li>
 *   <li>IPv4 octets with a leading zero ({@code 010}) are ambiguous (octal to some parsers) and
 *       rejected; so are ports and CIDR prefixes with leading zeros.</li>
 *   <li>A CIDR with host bits set ({@code 10.1.2.3/8}) is rejected, naming its network form: we
 *       cannot know whether the author meant the host or the network, and we never "correct".</li>
 *   <li>IPv6 literals are parsed by {@link InetAddress} only after checking the text holds nothing
 *       but hex digits, colons and dots (so no name lookup can ever happen), then printed in
 *       RFC 5952 form; IPv4-mapped addresses print as {@code ::ffff:a.b.c.d}.</li>
 *   <li>A url keeps its scheme if it has one, else it stays scheme-less ({@code evil.com/path},
 *       as maltrail writes it): adding {@code http://} would claim a scheme the source never gave.
 *       Normal form: lower-case scheme and host, IDNA host, canonical IP host, default port of
 *       http/https/ftp removed; user info, path, query and fragment are kept exactly.</li>
 *   <li>Domains: lower case, one trailing dot removed, IDNA A-labels, labels of 1-63 letters,
 *       digits, {@code -} (not at either end) or {@code _} (real malware names use it), at least
 *       two labels, at most 253 characters, and a top-level label that is not all digits.</li>
 *   <li>Email: the domain is normalised; the local part is kept as written (RFC 5321 §2.4: it may
 *       be case-sensitive).</li>
 * </ul>
 */
final class IocValues {
    private static final int MAX_DOMAIN = 253;

    private IocValues() {}

    /** A malformed value; the message says what is wrong. Stack-less: rejections are common in lists. */
    static final class Invalid extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }

    static Optional<IocValue> detect(String raw) {
        try {
            return Optional.of(classify(raw));
        } catch (Invalid e) {
            return Optional.empty();
        }
    }

    static IocValue parse(String raw) {
        try {
            return classify(raw);
        } catch (Invalid e) {
            throw new StixException("'" + shorten(raw) + "' " + e.getMessage());
        }
    }

    static IocValue normalise(IocType type, String raw) {
        int hexDigits = switch (type) {
            case MD5 -> 32;
            case SHA1 -> 40;
            case SHA256 -> 64;
            default -> 0;
        };
        String v0 = raw.strip();
        if (hexDigits > 0 && hashType(v0) != type) {
            throw new StixException("'" + shorten(raw) + "' is not a valid " + type.label() + " (" + hexDigits + " hex digits)");
        }
        IocValue v = parse(raw);
        if (v.type() != type) {
            throw new StixException("'" + shorten(raw) + "' is a " + v.type().label() + ", not a " + type.label());
        }
        return v;
    }

    static String shorten(String raw) {
        return raw.length() <= 100 ? raw : raw.substring(0, 100) + "...";
    }

    /** The type and normal form of a raw value, or {@link Invalid}. */
    static IocValue classify(String raw) {
        String v = raw.strip();
        if (v.isEmpty()) {
            throw new Invalid("is empty");
        }
        IocType hash = hashType(v);
        if (hash != null) {
            return new IocValue(hash, lowerAscii(v), -1);
        }
        if (schemeEnd(v) > 0) {
            return new IocValue(IocType.URL, url(v), -1);
        }
        if (v.charAt(0) == '[') {
            return IpAddresses.ipPort6(v);
        }
        if (v.charAt(0) == '/') {
            return new IocValue(IocType.URL, hostlessUrl(v), -1);
        }
        int slash = v.indexOf('/');
        if (slash >= 0) {
            return IpAddresses.isCidr(v, slash) ? IpAddresses.cidr(v, slash) : new IocValue(IocType.URL, url(v), -1);
        }
        if (v.indexOf('@') >= 0) {
            return new IocValue(IocType.EMAIL, email(v), -1);
        }
        int colon = v.indexOf(':');
        if (colon >= 0) {
            if (v.indexOf(':', colon + 1) >= 0) {
                return new IocValue(IocType.IPV6, IpAddresses.ipv6Text(IpAddresses.ipv6(v)), -1);
            }
            return IpAddresses.ipPort4(v, colon);
        }
        if (digitsAndDots(v, 0, v.length())) {
            IpAddresses.ipv4(v, 0, v.length());
            return new IocValue(IocType.IPV4, v, -1);
        }
        return new IocValue(IocType.DOMAIN, domain(v), -1);
    }

    private static IocType hashType(String v) {
        int n = v.length();
        if (n != 32 && n != 40 && n != 64) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            if (Character.digit(v.charAt(i), 16) < 0) {
                return null;
            }
        }
        return n == 32 ? IocType.MD5 : n == 40 ? IocType.SHA1 : IocType.SHA256;
    }

    /** The index of {@code ://} after a well-formed scheme, else -1. */
    private static int schemeEnd(String v) {
        int sep = v.indexOf("://");
        if (sep <= 0 || !isAsciiLetter(v.charAt(0))) {
            return -1;
        }
        for (int i = 1; i < sep; i++) {
            char c = v.charAt(i);
            if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '-' && c != '.') {
                return -1;
            }
        }
        return sep;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    static boolean digitsAndDots(String v, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if ((c < '0' || c > '9') && c != '.') {
                return false;
            }
        }
        return from < to;
    }

    /** The normal form of a domain name, or {@link Invalid}. */
    static String domain(String v) {
        String d = v.endsWith(".") ? v.substring(0, v.length() - 1) : v;
        if (!isAscii(d)) {
            try {
                d = IDN.toASCII(d);
            } catch (IllegalArgumentException e) {
                throw new Invalid("is not a valid internationalised domain name (" + e.getMessage() + ")");
            }
        }
        d = lowerAscii(d);
        if (d.length() > MAX_DOMAIN) {
            throw new Invalid("is not a domain (longer than 253 characters)");
        }
        int labels = 0;
        int start = 0;
        for (int i = 0; i <= d.length(); i++) {
            if (i == d.length() || d.charAt(i) == '.') {
                checkLabel(d, start, i);
                labels++;
                start = i + 1;
            } else {
                char c = d.charAt(i);
                if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                    throw new Invalid("is not a domain (character '" + c + "')");
                }
            }
        }
        if (labels < 2) {
            throw new Invalid("is not a domain (no dot)");
        }
        if (digitsAndDots(d, d.lastIndexOf('.') + 1, d.length())) {
            throw new Invalid("is not a domain (numeric top-level label) and not an IPv4 address");
        }
        return d;
    }

    private static void checkLabel(String d, int from, int to) {
        if (from == to) {
            throw new Invalid("is not a domain (empty label)");
        }
        if (to - from > 63) {
            throw new Invalid("is not a domain (label longer than 63 characters)");
        }
        if (d.charAt(from) == '-' || d.charAt(to - 1) == '-') {
            throw new Invalid("is not a domain (label starts or ends with '-')");
        }
    }

    /** A maltrail path trail ({@code /gate.php}): any host's request with this path; kept exactly. */
    private static String hostlessUrl(String v) {
        if (v.length() < 2 || v.charAt(1) == '/') {
            throw new Invalid("is not a url (no host, and no path after '/')");
        }
        checkUrlChars(v);
        return v;
    }

    private static void checkUrlChars(String v) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c == 0x7f) {
                throw new Invalid("is not a url (contains whitespace or a control character)");
            }
        }
    }

    /** The normal form of a URL with or without scheme, or {@link Invalid}. */
    static String url(String v) {
        checkUrlChars(v);
        int sep = schemeEnd(v);
        String scheme = sep > 0 ? lowerAscii(v.substring(0, sep)) : null;
        int authStart = sep > 0 ? sep + 3 : 0;
        int authEnd = authStart;
        while (authEnd < v.length() && "/?#".indexOf(v.charAt(authEnd)) < 0) {
            authEnd++;
        }
        String authority = v.substring(authStart, authEnd);
        int at = authority.lastIndexOf('@');
        String userInfo = at >= 0 ? authority.substring(0, at + 1) : "";
        String hostPort = authority.substring(at + 1);
        StringBuilder sb = new StringBuilder(v.length() + 8);
        if (scheme != null) {
            sb.append(scheme).append("://");
        }
        sb.append(userInfo).append(urlHostPort(hostPort, scheme)).append(v, authEnd, v.length());
        return sb.toString();
    }

    private static String urlHostPort(String hostPort, String scheme) {
        if (hostPort.isEmpty()) {
            throw new Invalid("is not a url (no host)");
        }
        String host;
        String portText = null;
        if (hostPort.charAt(0) == '[') {
            int close = hostPort.indexOf(']');
            if (close < 0) {
                throw new Invalid("is not a url (unclosed '[' in host)");
            }
            host = "[" + IpAddresses.ipv6Text(IpAddresses.ipv6(hostPort.substring(1, close))) + "]";
            if (close + 1 < hostPort.length()) {
                if (hostPort.charAt(close + 1) != ':') {
                    throw new Invalid("is not a url (text after ']')");
                }
                portText = hostPort.substring(close + 2);
            }
        } else {
            int colon = hostPort.indexOf(':');
            String name = colon >= 0 ? hostPort.substring(0, colon) : hostPort;
            portText = colon >= 0 ? hostPort.substring(colon + 1) : null;
            if (digitsAndDots(name, 0, name.length())) {
                IpAddresses.ipv4(name, 0, name.length());
                host = name;
            } else {
                host = domain(name);
            }
        }
        if (portText == null) {
            return host;
        }
        int port = IpAddresses.port(portText, 0, portText.length());
        return port == defaultPort(scheme) ? host : host + ":" + port;
    }

    private static int defaultPort(String scheme) {
        if (scheme == null) {
            return -1;
        }
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            case "ftp" -> 21;
            default -> -1;
        };
    }

    static String email(String v) {
        int at = v.lastIndexOf('@');
        String local = v.substring(0, at);
        if (local.isEmpty() || local.length() > 64) {
            throw new Invalid("is not an email address (local part empty or over 64 characters)");
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '@' || c == '"' || c == ',' || c == ';' || c == '<' || c == '>') {
                throw new Invalid("is not an email address (character '" + c + "' in the local part)");
            }
        }
        return local + "@" + domain(v.substring(at + 1));
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** ASCII lower case without allocating when already lower case. */
    static String lowerAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                char[] cs = s.toCharArray();
                for (int k = i; k < cs.length; k++) {
                    if (cs[k] >= 'A' && cs[k] <= 'Z') {
                        cs[k] = (char) (cs[k] + ('a' - 'A'));
                    }
                }
                return new String(cs);
            }
        }
        return s;
    }
}
