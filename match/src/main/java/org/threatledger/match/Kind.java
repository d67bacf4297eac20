package org.threatledger.match;

/**
 * The key kinds of the exact index: an observation type, sometimes narrowed by where it was seen
 * ({@code network-traffic:dst_ref.value} only matches the responder of a connection) or by a port.
 * Int codes rather than an enum: they are stored in the key arena and mixed into key hashes.
 * A pattern that needs full evaluation is indexed under {@code kind + CANDIDATE}.
 */
final class Kind {
    static final int DOMAIN = 0;
    static final int IPV4 = 1;
    static final int IPV6 = 2;
    /** {@code ip:port}: the observation's port must equal, and it must not be a connection's originator. */
    static final int IPV4_PORT = 3;
    static final int IPV6_PORT = 4;
    /** {@code network-traffic:dst_ref.value}: only where {@code CONN_RESP}. */
    static final int IPV4_DST = 5;
    static final int IPV6_DST = 6;
    /** {@code network-traffic:src_ref.value}: only where {@code CONN_ORIG}. */
    static final int IPV4_SRC = 7;
    static final int IPV6_SRC = 8;
    /** a URL with a scheme, compared whole */
    static final int URL = 9;
    /** a URL without scheme ({@code evil.com/path}, maltrail): compared with the observed URL minus its scheme */
    static final int URL_HOST_PATH = 10;
    /** a host-less URL ({@code /gate.php}, maltrail): compared with the observed path */
    static final int URL_PATH = 11;
    static final int EMAIL = 12;
    static final int MD5 = 13;
    static final int SHA1 = 14;
    static final int SHA256 = 15;
    static final int X509_SERIAL = 16;
    static final int X509_SHA1 = 17;
    static final int X509_SHA256 = 18;
    static final int JA3 = 19;
    static final int JA3S = 20;
    static final int FILE_NAME = 21;
    static final int USER_AGENT = 22;
    /** added to a kind for the keys of patterns that need full evaluation */
    static final int CANDIDATE = 32;

    private static final int[] BY_OBSERVATION_TYPE = new int[ObservationType.values().length];

    static {
        for (ObservationType t : ObservationType.values()) {
            BY_OBSERVATION_TYPE[t.ordinal()] = switch (t) {
                case DOMAIN -> DOMAIN;
                case IPV4 -> IPV4;
                case IPV6 -> IPV6;
                case URL -> URL;
                case EMAIL -> EMAIL;
                case MD5 -> MD5;
                case SHA1 -> SHA1;
                case SHA256 -> SHA256;
                case X509_SERIAL -> X509_SERIAL;
                case X509_SHA1 -> X509_SHA1;
                case X509_SHA256 -> X509_SHA256;
                case JA3 -> JA3;
                case JA3S -> JA3S;
                case FILE_NAME -> FILE_NAME;
                case USER_AGENT -> USER_AGENT;
            };
        }
    }

    private Kind() {}

    /** The plain kind of an observation type. */
    static int of(ObservationType type) {
        return BY_OBSERVATION_TYPE[type.ordinal()];
    }

    /** Whether keys of this kind carry a port. */
    static boolean hasPort(int kind) {
        int k = kind & ~CANDIDATE;
        return k == IPV4_PORT || k == IPV6_PORT;
    }

    /** A one-bit mask for {@link ExactIndex#kinds()}. */
    static long bit(int kind) {
        return 1L << kind;
    }
}
