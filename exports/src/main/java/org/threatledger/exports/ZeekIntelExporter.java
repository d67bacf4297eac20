package org.threatledger.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * {@code zeek-intel}: one Zeek Intelligence Framework input file (Zeek docs, "Intelligence
 * Framework", "Loading Intelligence"): a {@code #fields} header, then one tab-separated line per
 * value, {@code -} for an unset field. Types: {@code Intel::ADDR}, {@code Intel::SUBNET},
 * {@code Intel::DOMAIN}, {@code Intel::URL}, {@code Intel::EMAIL}, {@code Intel::FILE_HASH},
 * {@code Intel::FILE_NAME}, {@code Intel::CERT_HASH}.
 *
 * <p>What Zeek matches decides the mapping: it compares {@code Intel::DOMAIN} exactly, so a domain
 * "with subdomains" is written as the domain itself and counted as narrower; it sees HTTP URLs as
 * host and path without a scheme ({@code HTTP::build_url}), so URLs are written that way and
 * non-HTTP URLs are skipped; it has no ports and no wildcards, so {@code ip:port} values and
 * subdomain wildcards are skipped with their counts. {@code meta.cif_confidence} is the STIX
 * confidence (0-100); Zeek reads it only with {@code policy/integration/collective-intel} loaded.
 */
final class ZeekIntelExporter implements Exporter {
    static final String HEADER = "#fields\tindicator\tindicator_type\tmeta.source\tmeta.desc\tmeta.url\tmeta.cif_confidence";

    @Override
    public String format() {
        return "zeek-intel";
    }

    @Override
    public String description() {
        return "a Zeek Intel framework file (Intel::ADDR, SUBNET, DOMAIN, URL, EMAIL, FILE_HASH, FILE_NAME, CERT_HASH)";
    }

    @Override
    public void write(ExportContext context, ExportOutput output) throws IOException {
        ExportSummary summary = context.summary();
        try (Writer w = new BufferedWriter(new OutputStreamWriter(output.open("intel.dat"), StandardCharsets.UTF_8))) {
            w.write("# ThreatLedger zeek-intel export, TLP up to " + context.options().maxTlp().display()
                    + "; load with: redef Intel::read_files += { \"<this file>\" };\n");
            w.write(HEADER + "\n");
            for (ExportValue v : context.values()) {
                String[] typed = typed(v, summary);
                if (typed == null) {
                    continue;
                }
                String desc = description(v);
                w.write(String.join("\t", typed[0], typed[1], field(v.source()), field(desc), field(url(v.reference())),
                        v.confidence() == null ? "-" : Integer.toString(v.confidence())));
                w.write('\n');
                summary.wrote();
            }
        }
    }

    /** The indicator text and Intel type, or null after counting the skip. */
    private static String[] typed(ExportValue v, ExportSummary summary) {
        String type = switch (v.kind()) {
            case IPV4, IPV6 -> "Intel::ADDR";
            case CIDR4, CIDR6 -> "Intel::SUBNET";
            case DOMAIN -> "Intel::DOMAIN";
            case URL -> "Intel::URL";
            case EMAIL -> "Intel::EMAIL";
            case MD5, SHA1, SHA256 -> "Intel::FILE_HASH";
            case FILE_NAME -> "Intel::FILE_NAME";
            case CERT_SHA1 -> "Intel::CERT_HASH";
            case IP_PORT -> {
                summary.skip("ip:port (Zeek's Intel framework has no ports)");
                yield null;
            }
            case SUBDOMAINS_OF -> {
                summary.skip("subdomain wildcard (Zeek's Intel framework has no wildcards)");
                yield null;
            }
        };
        if (type == null) {
            return null;
        }
        String indicator = v.value();
        if (v.kind() == ValueKind.URL) {
            String lower = indicator.toLowerCase(Locale.ROOT);
            int scheme = lower.startsWith("http://") ? 7 : lower.startsWith("https://") ? 8 : -1;
            if (scheme < 0) {
                summary.skip("URL with a scheme other than http(s) (Zeek's Intel::URL is an HTTP host and path)");
                return null;
            }
            indicator = indicator.substring(scheme);
        }
        if (v.kind() == ValueKind.DOMAIN && v.subdomains()) {
            summary.narrow("domain with subdomains written as the domain alone (Zeek matches Intel::DOMAIN exactly)");
        }
        return new String[] {field(indicator), type};
    }

    private static String description(ExportValue v) {
        StringBuilder sb = new StringBuilder(v.tlp().display());
        if (v.actor() != null) {
            sb.append(" actor ").append(v.actor());
        }
        if (v.comment() != null && !v.comment().isBlank()) {
            sb.append(": ").append(v.comment());
        }
        if (v.kind() == ValueKind.DOMAIN && v.subdomains()) {
            sb.append(" (and its subdomains)");
        }
        return sb.toString();
    }

    private static String url(String reference) {
        return reference != null && (reference.startsWith("http://") || reference.startsWith("https://")) ? reference : null;
    }

    /** A field as Zeek's ASCII reader takes it: no tabs or line breaks, {@code -} when unset, {@code (empty)} when empty. */
    static String field(String text) {
        if (text == null) {
            return "-";
        }
        if (text.isEmpty()) {
            return "(empty)";
        }
        String t = text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
        return t.equals("-") ? "\\x2d" : t;
    }
}
