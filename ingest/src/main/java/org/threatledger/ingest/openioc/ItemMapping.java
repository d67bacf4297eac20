package org.threatledger.ingest.openioc;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.threatledger.ingest.openioc.IocDocument.Item;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;
import org.threatledger.stix.Patterns;
import org.threatledger.stix.StixException;
import org.threatledger.stix.Timestamps;

/**
 * One OpenIOC IndicatorItem as a STIX comparison expression (STIX 2.1 §9), or the reason it has none.
 *
 * <p>Conditions: is → {@code =}, isnot → {@code !=}, contains → {@code LIKE '%x%'}, containsnot →
 * {@code NOT LIKE '%x%'}, starts-with → {@code LIKE 'x%'}, ends-with → {@code LIKE '%x'}, matches →
 * {@code MATCHES}, greater-than/less-than → {@code >}/{@code <}; OpenIOC 1.1 {@code negate="true"}
 * inverts the operator. Numbers and timestamps take is/isnot/greater-than/less-than only, and
 * OpenIOC's range content {@code 'A TO B'} becomes {@code >= A AND <= B}.
 * {@code %} and {@code _} in content stay LIKE wildcards (STIX defines no LIKE escape), which can only
 * widen a match. STIX comparisons are case-sensitive where OpenIOC's string "is" is not.
 *
 * <p>Items are only mapped onto STIX properties that mean the same thing; anything else (PE
 * anomalies, string lists, mutex handles, scheduled tasks, ...) is unmappable and the caller warns.
 * A full path is split into {@code file:parent_directory_ref.path} and {@code file:name} exactly
 * (see {@link #fullPath}).
 */
final class ItemMapping {
    /** A comparison on one object type; {@code op} is AND/OR when the text joins several, else null. */
    record Comparison(String objectType, String text, String op) {}

    /** An item with no STIX equivalent; the message says why. */
    static final class Unmappable extends Exception {
        private static final long serialVersionUID = 1L;

        Unmappable(String reason) {
            super(reason, null, false, false);
        }
    }

    private enum Kind { STRING, MD5, SHA1, SHA256, INTEGER, TIMESTAMP, IP, DOMAIN }

    private record Target(String objectType, String path, Kind kind) {}

    private static final Map<String, Target> TARGETS = Map.ofEntries(
            Map.entry("FileItem/Md5sum", new Target("file", "file:hashes.MD5", Kind.MD5)),
            Map.entry("FileItem/Sha1sum", new Target("file", "file:hashes.'SHA-1'", Kind.SHA1)),
            Map.entry("FileItem/Sha256sum", new Target("file", "file:hashes.'SHA-256'", Kind.SHA256)),
            Map.entry("FileItem/FileName", new Target("file", "file:name", Kind.STRING)),
            Map.entry("FileItem/FilePath", new Target("file", "file:parent_directory_ref.path", Kind.STRING)),
            Map.entry("FileItem/SizeInBytes", new Target("file", "file:size", Kind.INTEGER)),
            Map.entry("FileItem/PEInfo/PETimeStamp",
                    new Target("file", "file:extensions.'windows-pebinary-ext'.time_date_stamp", Kind.TIMESTAMP)),
            Map.entry("RegistryItem/Text", new Target("windows-registry-key", "windows-registry-key:values[*].data", Kind.STRING)),
            Map.entry("RegistryItem/Value", new Target("windows-registry-key", "windows-registry-key:values[*].data", Kind.STRING)),
            Map.entry("RegistryItem/ValueName", new Target("windows-registry-key", "windows-registry-key:values[*].name", Kind.STRING)),
            Map.entry("DnsEntryItem/RecordName", new Target("domain-name", "domain-name:value", Kind.DOMAIN)),
            Map.entry("DnsEntryItem/Host", new Target("domain-name", "domain-name:value", Kind.DOMAIN)),
            Map.entry("Network/DNS", new Target("domain-name", "domain-name:value", Kind.DOMAIN)),
            Map.entry("PortItem/remoteIP", new Target("network-traffic", "network-traffic:dst_ref.value", Kind.IP)),
            Map.entry("PortItem/remotePort", new Target("network-traffic", "network-traffic:dst_port", Kind.INTEGER)),
            Map.entry("Network/UserAgent", new Target("network-traffic",
                    "network-traffic:extensions.'http-request-ext'.request_header.'User-Agent'", Kind.STRING)),
            Map.entry("ProcessItem/name", new Target("process", "process:image_ref.name", Kind.STRING)),
            Map.entry("ProcessItem/path", new Target("process", "process:image_ref.parent_directory_ref.path", Kind.STRING)),
            Map.entry("ServiceItem/name", new Target("process", "process:extensions.'windows-service-ext'.service_name", Kind.STRING)),
            Map.entry("ServiceItem/descriptiveName",
                    new Target("process", "process:extensions.'windows-service-ext'.display_name", Kind.STRING)),
            Map.entry("Email/From", new Target("email-message", "email-message:from_ref.value", Kind.STRING)),
            Map.entry("Email/To", new Target("email-message", "email-message:to_refs[*].value", Kind.STRING)),
            Map.entry("Email/Subject", new Target("email-message", "email-message:subject", Kind.STRING)));

    private ItemMapping() {}

    /** The negation-aware base condition: isnot = is + negate, containsnot = contains + negate. */
    record Condition(String base, boolean negate) {
        static Condition of(Item item) {
            String c = item.condition().toLowerCase(Locale.ROOT);
            return switch (c) {
                case "isnot" -> new Condition("is", !item.negate());
                case "containsnot" -> new Condition("contains", !item.negate());
                default -> new Condition(c, item.negate());
            };
        }
    }

    static Comparison map(Item item) throws Unmappable {
        Condition c = Condition.of(item);
        String content = item.content().strip();
        switch (item.search()) {
            case "FileItem/FullPath":
                return fullPath(c, content);
            case "RegistryItem/Path":
                return new Comparison("windows-registry-key", string("windows-registry-key:key", c, content), null);
            case "RegistryItem/KeyPath":
                if (c.base().equals("is")) {
                    // KeyPath has no hive; STIX's key does: "is" means the key ends with \KeyPath.
                    return new Comparison("windows-registry-key",
                            string("windows-registry-key:key", new Condition("ends-with", c.negate()), "\\" + content), null);
                }
                return new Comparison("windows-registry-key", string("windows-registry-key:key", c, content), null);
            case "ProcessItem/arguments":
                if (!c.base().equals("contains")) {
                    throw new Unmappable("arguments can only be compared with STIX's process:command_line by 'contains'");
                }
                return new Comparison("process", string("process:command_line", c, content), null);
            case "Network/URI":
                // The request URI is part of the URL, so 'contains' and 'ends-with' hold for url:value.
                if (c.base().equals("is")) {
                    return new Comparison("network-traffic",
                            string("network-traffic:extensions.'http-request-ext'.request_value", c, content), null);
                }
                return new Comparison("url", string("url:value", c, content), null);
            default:
                Target t = TARGETS.get(item.search());
                if (t == null) {
                    throw new Unmappable("no STIX 2.1 equivalent for " + item.search());
                }
                if ((t.kind() == Kind.INTEGER || t.kind() == Kind.TIMESTAMP) && content.contains(" TO ")) {
                    return range(t, c, content);
                }
                return new Comparison(t.objectType(), typed(t, c, content), null);
        }
    }

    /** OpenIOC's {@code is 'A TO B'} range: A ≤ x ≤ B (negated: x &lt; A OR x &gt; B). */
    private static Comparison range(Target t, Condition c, String content) throws Unmappable {
        if (!c.base().equals("is")) {
            throw new Unmappable("condition '" + c.base() + "' does not apply to the range '" + content + "'");
        }
        int to = content.indexOf(" TO ");
        String low = literal(t, content.substring(0, to).strip());
        String high = literal(t, content.substring(to + 4).strip());
        if (c.negate()) {
            return new Comparison(t.objectType(), t.path() + " < " + low + " OR " + t.path() + " > " + high, "OR");
        }
        return new Comparison(t.objectType(), t.path() + " >= " + low + " AND " + t.path() + " <= " + high, "AND");
    }

    private static String literal(Target t, String content) throws Unmappable {
        return t.kind() == Kind.INTEGER ? integer(content) : "t" + Patterns.quote(timestamp(content));
    }

    private static String typed(Target t, Condition c, String content) throws Unmappable {
        return switch (t.kind()) {
            case STRING -> string(t.path(), c, content);
            case MD5 -> hash(t.path(), c, content, IocType.MD5);
            case SHA1 -> hash(t.path(), c, content, IocType.SHA1);
            case SHA256 -> hash(t.path(), c, content, IocType.SHA256);
            case INTEGER, TIMESTAMP -> ordered(t.path(), c, literal(t, content));
            case IP -> ip(t.path(), c, content);
            case DOMAIN -> c.base().equals("is") ? string(t.path(), c, domain(content)) : string(t.path(), c, content);
        };
    }

    /** A string comparison; every condition applies. */
    static String string(String path, Condition c, String value) throws Unmappable {
        boolean n = c.negate();
        return switch (c.base()) {
            case "is" -> path + (n ? " != " : " = ") + Patterns.quote(value);
            case "contains" -> path + (n ? " NOT LIKE " : " LIKE ") + Patterns.quote("%" + value + "%");
            case "starts-with" -> path + (n ? " NOT LIKE " : " LIKE ") + Patterns.quote(value + "%");
            case "ends-with" -> path + (n ? " NOT LIKE " : " LIKE ") + Patterns.quote("%" + value);
            case "matches" -> path + (n ? " NOT MATCHES " : " MATCHES ") + Patterns.quote(value);
            case "greater-than", "less-than" -> ordered(path, c, Patterns.quote(value));
            default -> throw new Unmappable("condition '" + c.base() + "' has no STIX operator");
        };
    }

    /** A comparison of an ordered literal (number, timestamp). */
    private static String ordered(String path, Condition c, String literal) throws Unmappable {
        boolean n = c.negate();
        return switch (c.base()) {
            case "is" -> path + (n ? " != " : " = ") + literal;
            case "greater-than" -> path + (n ? " <= " : " > ") + literal;
            case "less-than" -> path + (n ? " >= " : " < ") + literal;
            default -> throw new Unmappable("condition '" + c.base() + "' does not apply to " + literal);
        };
    }

    private static String hash(String path, Condition c, String content, IocType type) throws Unmappable {
        if (!c.base().equals("is")) {
            return string(path, c, content.toLowerCase(Locale.ROOT));
        }
        try {
            return string(path, c, IocValue.of(type, content).value());
        } catch (StixException e) {
            throw new Unmappable(e.getMessage());
        }
    }

    private static String ip(String path, Condition c, String content) throws Unmappable {
        if (!c.base().equals("is")) {
            return string(path, c, content);
        }
        Optional<IocValue> v = IocValue.detect(content);
        if (v.isEmpty()) {
            throw new Unmappable("'" + content + "' is not an IP address");
        }
        return switch (v.get().type()) {
            case IPV4, IPV6 -> string(path, c, v.get().value());
            case CIDR4, CIDR6 -> path + (c.negate() ? " NOT ISSUBSET " : " ISSUBSET ") + Patterns.quote(v.get().value());
            default -> throw new Unmappable("'" + content + "' is not an IP address");
        };
    }

    private static String domain(String content) {
        Optional<IocValue> v = IocValue.detect(content);
        return v.isPresent() && v.get().type() == IocType.DOMAIN ? v.get().value() : content;
    }

    private static String integer(String content) throws Unmappable {
        try {
            return Long.toString(Long.parseLong(content));
        } catch (NumberFormatException e) {
            throw new Unmappable("'" + content + "' is not an integer");
        }
    }

    private static String timestamp(String content) throws Unmappable {
        String t = content.endsWith("Z") ? content : content + "Z";
        if (!Timestamps.isValid(t)) {
            throw new Unmappable("'" + content + "' is not a timestamp");
        }
        return t;
    }

    /**
     * A full path as directory and name: "is" → path = dir AND name = n. "contains" C: C lies
     * inside the directory, or (when C has a separator) the directory ends with C's part before
     * its last separator and the name starts with the part after it; C without a separator lies
     * in the directory or in the name. Other conditions are unmappable.
     */
    static Comparison fullPath(Condition c, String content) throws Unmappable {
        String dirPath = "file:parent_directory_ref.path";
        int sep = Math.max(content.lastIndexOf('\\'), content.lastIndexOf('/'));
        boolean n = c.negate();
        String and = n ? " OR " : " AND ";
        String or = n ? " AND " : " OR ";
        Condition is = new Condition("is", n);
        Condition contains = new Condition("contains", n);
        switch (c.base()) {
            case "is" -> {
                if (sep < 0) {
                    return new Comparison("file", string("file:name", is, content), null);
                }
                return new Comparison("file", string(dirPath, is, content.substring(0, sep)) + and
                        + string("file:name", is, content.substring(sep + 1)), n ? "OR" : "AND");
            }
            case "contains" -> {
                if (sep < 0) {
                    return new Comparison("file", string(dirPath, contains, content) + or
                            + string("file:name", contains, content), n ? "AND" : "OR");
                }
                String spanning = "(" + string(dirPath, new Condition("ends-with", n), content.substring(0, sep)) + and
                        + string("file:name", new Condition("starts-with", n), content.substring(sep + 1)) + ")";
                return new Comparison("file", string(dirPath, contains, content) + or + spanning, n ? "AND" : "OR");
            }
            default -> throw new Unmappable("condition '" + c.base() + "' on a full path has no exact STIX form");
        }
    }
}
