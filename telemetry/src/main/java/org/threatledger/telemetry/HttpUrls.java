package org.threatledger.telemetry;

/**
 * The full URL of an HTTP request as Zeek logs it (host header + uri), before normalisation:
 * an absolute-form uri (a proxy request) is taken as it is; a CONNECT's authority-form uri
 * ({@code host:443}) and a request to port 443 become {@code https://}; anything else {@code http://}.
 */
final class HttpUrls {
    private HttpUrls() {}

    /** The raw URL, or null when the request names no host. */
    static String of(String host, String uri, String method, String respPort) {
        if (uri != null && uri.indexOf("://") > 0 && uri.indexOf("://") < 12) {
            return encodeControls(uri);
        }
        if ("CONNECT".equals(method)) {
            String authority = uri != null && !uri.isEmpty() ? uri : host;
            return authority == null || authority.isEmpty() ? null : "https://" + authority;
        }
        if (host == null || host.isEmpty()) {
            return null;
        }
        String scheme = "443".equals(respPort) ? "https://" : "http://";
        String path = uri == null || uri.isEmpty() ? "/" : uri.charAt(0) == '/' ? uri : "/" + uri;
        return scheme + host + encodeControls(path);
    }

    /** Percent-encodes whitespace and control characters; anything else is kept exactly. */
    static String encodeControls(String s) {
        int i = 0;
        while (i < s.length() && s.charAt(i) > ' ' && s.charAt(i) != 0x7f && !isHexEscape(s, i)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder sb = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isHexEscape(s, i)) {
                sb.append('%').append(Character.toUpperCase(s.charAt(i + 2))).append(Character.toUpperCase(s.charAt(i + 3)));
                i += 3;
            } else if (c <= ' ' || c == 0x7f) {
                sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    /** {@code \xHH} naming a control byte (below 0x20, or 0x7f). */
    private static boolean isHexEscape(String s, int i) {
        if (s.charAt(i) != '\\' || i + 3 >= s.length() || s.charAt(i + 1) != 'x') {
            return false;
        }
        int hi = Character.digit(s.charAt(i + 2), 16);
        int lo = Character.digit(s.charAt(i + 3), 16);
        return hi >= 0 && lo >= 0 && (hi < 2 || hi * 16 + lo == 0x7f);
    }
}
