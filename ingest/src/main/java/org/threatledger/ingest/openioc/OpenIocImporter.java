package org.threatledger.ingest.openioc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportSink;
import org.threatledger.ingest.Importer;
import org.threatledger.ingest.Rejection;
import org.threatledger.pattern.PatternParser;
import org.threatledger.stix.StixObject;
import org.w3c.dom.Document;

/**
 * OpenIOC 1.0 and 1.1 documents ({@code .ioc}): each becomes one STIX {@code indicator} whose
 * pattern has the definition's AND/OR logic ({@link PatternBuilder}, {@link ItemMapping}), plus
 * {@code indicates} relationships to the malware families and threat groups its links name
 * ({@link IocObjects}).
 *
 * <p>Safety: the XML parser refuses any DOCTYPE, so external entities and entity expansion never
 * happen ({@link SecureXml}); such a document, or one over {@link #MAX_BYTES}, is rejected whole
 * with the reason, and the next document imports as usual. Every item without a STIX equivalent
 * is warned with the IOC id, item id and Context/@search.
 *
 * <p>Times: {@code created}, {@code modified} and {@code valid_from} are the document's
 * {@code last-modified} (else {@code authored_date}), read as UTC when it has no zone.
 */
public final class OpenIocImporter implements Importer {
    static final int MAX_BYTES = 32 * 1024 * 1024;
    static final String RECORD_TYPE = "openioc";

    public OpenIocImporter() {}

    @Override
    public String format() {
        return "openioc";
    }

    @Override
    public boolean recognises(String name, byte[] head) {
        if (name.toLowerCase(Locale.ROOT).endsWith(".ioc")) {
            return true;
        }
        String text = new String(head, StandardCharsets.UTF_8);
        return text.contains("schemas.mandiant.com/2010/ioc") || text.contains("openioc.org/schemas/OpenIOC_1.1");
    }

    @Override
    public void read(FeedInput input, ImportOptions options, ImportSink sink) throws IOException {
        String file = input.name();
        byte[] content;
        try (InputStream in = input.open()) {
            content = in.readNBytes(MAX_BYTES + 1);
        }
        if (content.length > MAX_BYTES) {
            sink.reject(new Rejection(file, 0, null, null, RECORD_TYPE, "document is larger than " + MAX_BYTES + " bytes"));
            return;
        }
        IocDocument doc;
        try {
            Document dom = SecureXml.parse(content);
            doc = IocDocument.of(dom);
        } catch (SecureXml.XmlRefused | IllegalArgumentException e) {
            sink.reject(new Rejection(file, 0, null, null, RECORD_TYPE, e.getMessage()));
            return;
        }
        emit(file, doc, options, sink);
    }

    private static void emit(String file, IocDocument doc, ImportOptions options, ImportSink sink) {
        PatternBuilder.Warnings warnings = (field, reason) ->
                sink.warn(new Rejection(file, 0, doc.id(), field, RECORD_TYPE, reason));
        String pattern = new PatternBuilder(warnings).build(doc.definition());
        if (pattern == null) {
            sink.reject(new Rejection(file, 0, doc.id(), "definition", RECORD_TYPE,
                    "no IndicatorItem of '" + doc.shortDescription() + "' has a STIX equivalent"));
            return;
        }
        Optional<String> invalid = PatternParser.check(pattern);
        if (invalid.isPresent()) {
            sink.reject(new Rejection(file, 0, doc.id(), "pattern", RECORD_TYPE,
                    "the STIX pattern built from the definition is invalid: " + invalid.get()));
            return;
        }
        Instant time = time(doc, file, sink);
        StixObject indicator = IocObjects.indicator(doc, time, pattern, options);
        sink.object(indicator);
        for (String family : IocObjects.families(doc)) {
            StixObject malware = IocObjects.malware(family, options);
            sink.object(malware);
            sink.object(IocObjects.indicates(indicator, malware));
        }
        for (String group : IocObjects.groups(doc)) {
            StixObject set = IocObjects.intrusionSet(group, options);
            sink.object(set);
            sink.object(IocObjects.indicates(indicator, set));
        }
    }

    private static Instant time(IocDocument doc, String file, ImportSink sink) {
        for (String text : new String[] {doc.lastModified(), doc.authoredDate()}) {
            if (text != null) {
                try {
                    return text.endsWith("Z") ? Instant.parse(text) : LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
                } catch (DateTimeParseException e) {
                    sink.warn(new Rejection(file, 0, doc.id(), "last-modified", RECORD_TYPE, "'" + text + "' is not a date"));
                }
            }
        }
        sink.warn(new Rejection(file, 0, doc.id(), "last-modified", RECORD_TYPE,
                "no last-modified or authored_date; using 1970-01-01T00:00:00Z"));
        return Instant.EPOCH;
    }
}
