package org.threatledger.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code suricata-dataset}: Suricata dataset files, one per type, and an example rules file that
 * loads them (Suricata user guide, "Datasets", "File formats"): domains as a {@code string} set
 * (one base64-encoded value per line, as the format requires), IPv4 addresses as an {@code ipv4}
 * set, IPv6 addresses as an {@code ip} set, MD5 and SHA-256 as {@code md5}/{@code sha256} sets
 * (lower-case hex). A dataset is an exact-match set: a domain "with subdomains" goes in as the
 * domain alone (counted as narrower); CIDRs, {@code ip:port}, wildcards, URLs, e-mail addresses,
 * SHA-1, file names and certificate hashes have no dataset type and are skipped with counts.
 */
final class SuricataDatasetExporter implements Exporter {
    private static final int FIRST_SID = 1_000_001;

    /** One dataset file: its name, Suricata type, and how a rule uses it. */
    private record Dataset(String file, String name, String type, List<String> rules) { }

    private static final Dataset DOMAINS = new Dataset("domains.lst", "threatledger-domains", "string", List.of(
            "alert dns any any -> any any (msg:\"ThreatLedger intel: DNS query for a listed domain\"; dns.query; %s",
            "alert tls any any -> any any (msg:\"ThreatLedger intel: TLS SNI of a listed domain\"; tls.sni; %s",
            "alert http any any -> any any (msg:\"ThreatLedger intel: HTTP host of a listed domain\"; http.host; %s"));
    private static final Dataset IPV4 = new Dataset("ipv4.lst", "threatledger-ipv4", "ipv4", List.of(
            "alert ip $HOME_NET any -> any any (msg:\"ThreatLedger intel: traffic to a listed IPv4 address\"; ip.dst; %s"));
    private static final Dataset IPV6 = new Dataset("ipv6.lst", "threatledger-ipv6", "ip", List.of(
            "alert ip $HOME_NET any -> any any (msg:\"ThreatLedger intel: traffic to a listed IPv6 address\"; ip.dst; %s"));
    private static final Dataset MD5 = new Dataset("md5.lst", "threatledger-md5", "md5", List.of(
            "alert http any any -> any any (msg:\"ThreatLedger intel: file with a listed MD5\"; filemd5:md5.lst; sid:%d; rev:1;)"));
    private static final Dataset SHA256 = new Dataset("sha256.lst", "threatledger-sha256", "sha256", List.of(
            "alert http any any -> any any (msg:\"ThreatLedger intel: file with a listed SHA-256\"; filesha256:sha256.lst; sid:%d; rev:1;)"));

    @Override
    public String format() {
        return "suricata-dataset";
    }

    @Override
    public String description() {
        return "Suricata dataset files (domains, ipv4, ipv6, md5, sha256) and example rules; --out is a directory";
    }

    @Override
    public boolean writesDirectory() {
        return true;
    }

    @Override
    public void write(ExportContext context, ExportOutput output) throws IOException {
        ExportSummary summary = context.summary();
        Map<Dataset, Set<String>> sets = new LinkedHashMap<>();
        for (Dataset d : List.of(DOMAINS, IPV4, IPV6, MD5, SHA256)) {
            sets.put(d, new LinkedHashSet<>());
        }
        for (ExportValue v : context.values()) {
            Dataset d = dataset(v, summary);
            if (d == null) {
                continue;
            }
            String line = d == DOMAINS ? Base64.getEncoder().encodeToString(v.value().getBytes(StandardCharsets.UTF_8)) : v.value();
            if (!sets.get(d).add(line)) {
                summary.skip("same value already in the dataset (from another source)");
                continue;
            }
            if (v.kind() == ValueKind.DOMAIN && v.subdomains()) {
                summary.narrow("domain with subdomains written as the domain alone (datasets match exactly)");
            }
            summary.wrote();
        }
        List<String> rules = new ArrayList<>();
        int sid = FIRST_SID;
        for (Map.Entry<Dataset, Set<String>> e : sets.entrySet()) {
            if (e.getValue().isEmpty()) {
                continue;
            }
            try (Writer w = writer(output, e.getKey().file())) {
                for (String line : e.getValue()) {
                    w.write(line);
                    w.write('\n');
                }
            }
            for (String rule : e.getKey().rules()) {
                rules.add(rule.contains("%s") ? String.format(rule, datasetClause(e.getKey(), sid++)) : String.format(rule, sid++));
            }
        }
        try (Writer w = writer(output, "threatledger.rules")) {
            w.write(notes(context));
            for (String rule : rules) {
                w.write(rule);
                w.write('\n');
            }
        }
    }

    private static String datasetClause(Dataset d, int sid) {
        return "dataset:isset," + d.name() + ", type " + d.type() + ", load " + d.file() + "; sid:" + sid + "; rev:1;)";
    }

    private static Dataset dataset(ExportValue v, ExportSummary summary) {
        return switch (v.kind()) {
            case DOMAIN -> DOMAINS;
            case IPV4 -> IPV4;
            case IPV6 -> IPV6;
            case MD5 -> MD5;
            case SHA256 -> SHA256;
            default -> {
                summary.skip(v.kind().label() + " (no Suricata dataset type holds it)");
                yield null;
            }
        };
    }

    private static String notes(ExportContext context) {
        return "# ThreatLedger suricata-dataset export, TLP up to " + context.options().maxTlp().display() + ".\n"
                + "# Example rules for the dataset files beside this file ('load' is relative to the rules file).\n"
                + "# Datasets are exact-match sets: a listed domain does not match its subdomains.\n"
                + "# domains.lst holds base64 values, as the 'string' dataset type requires.\n"
                + "# ip.dst as a sticky buffer needs Suricata 8; on older versions load the addresses as IP reputation.\n"
                + "# File hashes use filemd5/filesha256 (same hex-per-line files): a dataset with to_md5 on file.data\n"
                + "# would hash the inspected chunk, not the file. Suricata must compute file hashes (file-store/force-hash).\n"
                + "# Adjust sids to your local range before use.\n";
    }

    private static Writer writer(ExportOutput output, String name) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(output.open(name), StandardCharsets.UTF_8));
    }
}
