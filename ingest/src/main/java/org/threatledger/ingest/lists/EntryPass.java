package org.threatledger.ingest.lists;

import java.io.IOException;
import java.io.InputStream;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Rejection;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocType;
import org.threatledger.stix.IocValue;
import org.threatledger.stix.StixException;

/**
 * The second pass over a list: every data line becomes an {@link IocEntry} or a rejection.
 *
 * <p>Comments: a {@code # text} line starts a section whose text (and first URL, as reference)
 * goes on the entries below it until a blank line (signature-base's {@code # <report>} headers).
 * A {@code # Reference: url} line is the reference of all entries after it, blank lines or not
 * (maltrail groups entries under their references). An entry's own comment or reference column
 * wins over both.
 */
final class EntryPass {
    static final String RECORD_TYPE = "ioc-entry";

    /** Type column words and the value types they admit. */
    private static final Map<String, Set<IocType>> DECLARED = Map.ofEntries(
            Map.entry("md5", EnumSet.of(IocType.MD5)),
            Map.entry("sha1", EnumSet.of(IocType.SHA1)),
            Map.entry("sha256", EnumSet.of(IocType.SHA256)),
            Map.entry("domain", EnumSet.of(IocType.DOMAIN)),
            Map.entry("hostname", EnumSet.of(IocType.DOMAIN)),
            Map.entry("url", EnumSet.of(IocType.URL)),
            Map.entry("email", EnumSet.of(IocType.EMAIL)),
            Map.entry("ip", EnumSet.of(IocType.IPV4, IocType.IPV6, IocType.CIDR4, IocType.CIDR6, IocType.IP_PORT)),
            Map.entry("ipv4", EnumSet.of(IocType.IPV4, IocType.CIDR4)),
            Map.entry("ipv6", EnumSet.of(IocType.IPV6, IocType.CIDR6)),
            Map.entry("ip:port", EnumSet.of(IocType.IP_PORT)),
            Map.entry("ip-dst", EnumSet.of(IocType.IPV4, IocType.IPV6)),
            Map.entry("ip-src", EnumSet.of(IocType.IPV4, IocType.IPV6)),
            Map.entry("cidr", EnumSet.of(IocType.CIDR4, IocType.CIDR6)));

    private final String file;
    private final String listId;
    private final Layout layout;
    private final boolean subdomains;
    private final ImportSink sink;
    private String sectionComment;
    private String sectionReference;
    private String reference;
    private boolean headerSeen;

    EntryPass(String file, String listId, Layout layout, boolean subdomains, ImportSink sink) {
        this.file = file;
        this.listId = listId;
        this.layout = layout;
        this.subdomains = subdomains;
        this.sink = sink;
    }

    void read(InputStream in) throws IOException {
        LineReader lines = new LineReader(in);
        for (LineReader.Line line = lines.next(); line != null; line = lines.next()) {
            if (line.text() == null) {
                reject(line.number(), "line " + line.problem());
                continue;
            }
            String text = line.text().strip();
            if (text.isEmpty()) {
                sectionComment = null;
                sectionReference = null;
            } else if (text.charAt(0) == '#') {
                comment(text.substring(1).strip());
            } else if (layout.header() && !headerSeen) {
                headerSeen = true;
            } else {
                entry(line.number(), layout.fields(text));
            }
        }
    }

    private void comment(String body) {
        String ref = ListScan.headerValue(body, "reference:");
        if (ref != null) {
            reference = ref.isEmpty() ? reference : ref;
        } else if (ListScan.headerValue(body, "aliases:") == null && !body.isEmpty()) {
            sectionComment = body;
            sectionReference = firstUrl(body);
        }
    }

    private void entry(long number, Layout.Fields f) {
        if (f.value() == null) {
            reject(number, "has no value");
            return;
        }
        IocValue v;
        try {
            v = IocValue.parse(f.value());
        } catch (StixException e) {
            reject(number, e.getMessage());
            return;
        }
        Set<IocType> declared = f.type() == null ? null : DECLARED.get(f.type().toLowerCase(Locale.ROOT));
        if (declared != null && !declared.contains(v.type())) {
            reject(number, "'" + shorten(f.value()) + "' is a " + v.type().label() + " but its type column says '" + f.type() + "'");
            return;
        }
        String comment = f.comment() != null ? f.comment() : sectionComment;
        if (f.score() >= 0) {
            comment = (comment == null ? "" : comment + " ") + "(LOKI score " + f.score() + ")";
        }
        String ref = f.reference() != null ? f.reference()
                : firstUrl(f.comment()) != null ? firstUrl(f.comment())
                : sectionReference != null ? sectionReference : reference;
        sink.entry(new IocEntry(listId, v.type(), v.value(), v.port(), subdomains && v.type() == IocType.DOMAIN,
                comment, ref, number));
    }

    private void reject(long number, String reason) {
        sink.reject(new Rejection(file, number, listId, "value", RECORD_TYPE, reason));
    }

    static String shorten(String s) {
        return s.length() <= 100 ? s : s.substring(0, 100) + "...";
    }

    /** The first {@code http(s)://} token of a text, or null. */
    static String firstUrl(String text) {
        if (text == null) {
            return null;
        }
        int i = text.indexOf("http://");
        int j = text.indexOf("https://");
        int start = i < 0 ? j : j < 0 ? i : Math.min(i, j);
        if (start < 0) {
            return null;
        }
        int end = start;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end);
    }
}
