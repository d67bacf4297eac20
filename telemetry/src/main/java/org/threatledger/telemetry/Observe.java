package org.threatledger.telemetry;

import org.threatledger.match.ObservationType;
import org.threatledger.match.Where;

/**
 * Normalises one raw value of a known kind and passes it to the sink, or counts why not: a field
 * typed as an address that holds none is a parse error, any other value that is not of its kind is
 * skipped with a reason naming the field (the log is right, the value just cannot be observed).
 */
final class Observe {
    private Observe() {}

    /** An address field (Zeek type {@code addr}): a bad value is a {@link ParseError#BAD_ADDRESS}. */
    static void address(RecordSink sink, String raw, int port, Where where) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        ObservationType type = Values.addressType(raw);
        String value = type == null ? null : Values.address(type, raw);
        if (value == null) {
            sink.error(ParseError.BAD_ADDRESS);
        } else {
            sink.observe(type, value, port, where);
        }
    }

    /** A host that may be a name or an address, already in lower case; a port suffix is removed. */
    static void host(RecordSink sink, String lower, int port, Where where, String field) {
        if (lower == null || lower.isEmpty()) {
            return;
        }
        String h = stripPort(lower);
        ObservationType type = Values.addressType(h);
        String value = type != null ? Values.address(type, h) : Values.hostName(h);
        if (value == null) {
            sink.skip(field + " is not a host name or address");
        } else {
            sink.observe(type != null ? type : ObservationType.DOMAIN, value, port, where);
        }
    }

    /** A value of a fixed observation type. */
    static void typed(RecordSink sink, ObservationType type, String raw, int port, Where where, String field) {
        if (raw == null || raw.isEmpty()) {
            return;
        }
        String value = switch (type) {
            case DOMAIN -> Values.hostName(Values.lowerAscii(raw));
            case IPV4 -> Values.isIpv4(raw) ? raw : null;
            case IPV6 -> Values.ipv6(raw);
            case URL -> Values.url(raw);
            case EMAIL -> Values.email(raw);
            case MD5, JA3, JA3S -> Values.hex(raw, 32);
            case SHA1, X509_SHA1 -> Values.hex(raw, 40);
            case SHA256, X509_SHA256 -> Values.hex(raw, 64);
            case X509_SERIAL -> Values.serial(raw);
            case FILE_NAME, USER_AGENT -> raw;
        };
        if (value == null) {
            sink.skip(field + " is not a " + type.name().toLowerCase(java.util.Locale.ROOT));
        } else {
            sink.observe(type, value, port, where);
        }
    }

    /** A port number, -1 when absent; a bad one is counted as {@link ParseError#BAD_NUMBER}. */
    static int port(RecordSink sink, String text) {
        if (text == null || text.isEmpty()) {
            return -1;
        }
        int p = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9' || i > 5) {
                sink.error(ParseError.BAD_NUMBER);
                return -1;
            }
            p = p * 10 + (c - '0');
        }
        if (p > 65535) {
            sink.error(ParseError.BAD_NUMBER);
            return -1;
        }
        return p;
    }

    /** {@code host:8080} -> {@code host}; {@code [v6]:443} -> {@code v6}; a bare IPv6 address is kept. */
    static String stripPort(String h) {
        if (h.startsWith("[")) {
            int close = h.indexOf(']');
            return close > 0 ? h.substring(1, close) : h;
        }
        int colon = h.indexOf(':');
        return colon >= 0 && h.indexOf(':', colon + 1) < 0 ? h.substring(0, colon) : h;
    }
}
