package org.threatledger.exports;

/**
 * Value kinds to MISP attribute types and categories (MISP core format, "attribute types"):
 * addresses and CIDRs are {@code ip-dst}, {@code ip:port} is {@code ip-dst|port} with the value
 * {@code address|port}, certificate hashes {@code x509-fingerprint-sha1}. A domain "with
 * subdomains" becomes a plain {@code domain} (narrower); a subdomain wildcard has no type.
 */
final class MispTypes {
    /** A value as MISP writes it. */
    record Typed(String type, String category, String value) { }

    private MispTypes() {}

    /** The MISP form of a value, or null after counting the skip. */
    static Typed of(ExportValue v, ExportSummary summary) {
        String network = "Network activity";
        String payload = "Payload delivery";
        return switch (v.kind()) {
            case IPV4, IPV6, CIDR4, CIDR6 -> new Typed("ip-dst", network, v.value());
            case IP_PORT -> new Typed("ip-dst|port", network, v.value() + "|" + v.port());
            case DOMAIN -> {
                if (v.subdomains()) {
                    summary.narrow("domain with subdomains written as a plain domain attribute (MISP has no subdomain flag)");
                }
                yield new Typed("domain", network, v.value());
            }
            case URL -> new Typed("url", network, v.value());
            case EMAIL -> new Typed("email", network, v.value());
            case MD5 -> new Typed("md5", payload, v.value());
            case SHA1 -> new Typed("sha1", payload, v.value());
            case SHA256 -> new Typed("sha256", payload, v.value());
            case FILE_NAME -> new Typed("filename", payload, v.value());
            case CERT_SHA1 -> new Typed("x509-fingerprint-sha1", network, v.value());
            case SUBDOMAINS_OF -> {
                summary.skip("subdomain wildcard (MISP has no wildcard attribute type)");
                yield null;
            }
        };
    }
}
