package org.threatledger.analysis;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.threatledger.stix.StixObject;

/** The observable kind a STIX indicator looks for, from the first object path of its pattern. */
final class IndicatorKinds {
    private static final Pattern FIRST_PATH = Pattern.compile("\\[\\s*\\(?\\s*([a-z0-9-]+):([A-Za-z0-9_.'\\[\\]*-]+)");

    private IndicatorKinds() {}

    static String of(StixObject indicator) {
        String pattern = indicator.text("pattern").orElse("");
        Matcher m = FIRST_PATH.matcher(pattern);
        if (!m.find()) {
            return "other";
        }
        String type = m.group(1);
        String path = m.group(2);
        return switch (type) {
            case "domain-name" -> "domain";
            case "ipv4-addr" -> "ipv4";
            case "ipv6-addr" -> "ipv6";
            case "email-addr" -> "email";
            case "url" -> "url";
            case "file" -> path.startsWith("hashes") ? hashKind(path) : "file";
            default -> type;
        };
    }

    private static String hashKind(String path) {
        String p = path.toUpperCase(java.util.Locale.ROOT);
        if (p.contains("SHA-256") || p.contains("SHA256")) {
            return "sha256";
        }
        if (p.contains("SHA-1") || p.contains("SHA1")) {
            return "sha1";
        }
        if (p.contains("MD5")) {
            return "md5";
        }
        return "hash";
    }
}
