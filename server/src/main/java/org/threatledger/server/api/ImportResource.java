package org.threatledger.server.api;

import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPInputStream;
import org.threatledger.ingest.FeedInput;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.ingest.ImportReport;
import org.threatledger.ingest.Importers;
import org.threatledger.pipeline.ImportReports;
import org.threatledger.pipeline.ImportRun;
import org.threatledger.pipeline.Retrohunt;
import org.threatledger.pipeline.Validation;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.taxii.Disclosure;

/**
 * {@code POST /api/imports}: the body is one feed, imported as the CLI's {@code import} imports a
 * file: the same importers and format detection, the same validation, the same batches (one
 * transaction each) and the same report, in the shape of {@code import --json} plus the
 * rejections one by one ({@code findings}). The body is the file every finding names
 * ({@value #FILE}); gzip content is recognised by its magic bytes. A bad record is a finding and
 * never stops the rest. Every object stored is recorded in the disclosure log as received from
 * the partner, as a TAXII POST is; afterwards the new indicators are retro-hunted when a history
 * exists, as {@code import} does.
 */
final class ImportResource {
    /** The name the body goes by in findings and provenance. */
    static final String FILE = "upload";
    private static final Importers IMPORTERS = Importers.builtIn();

    private ImportResource() {
    }

    static Object accept(Uploads uploads, RestApi.Request r, byte[] body) {
        ImportOptions options = options(r.ctx());
        String format = format(r.ctx());
        return uploads.exclusive(() -> {
            long started = System.nanoTime();
            ImportReport report = store(uploads, r, body, format, options);
            Map<String, Object> json = ImportReports.toJson(report, (System.nanoTime() - started) / 1e9);
            json.put("findings", ImportReports.findings(report.rejections()));
            retrohunt(uploads, options.importedAt(), json);
            return json;
        });
    }

    private static ImportReport store(Uploads uploads, RestApi.Request r, byte[] body, String format, ImportOptions options) {
        List<Disclosure> received = Collections.synchronizedList(new ArrayList<>());
        String requestId = UUID.randomUUID().toString();
        String partner = r.partner().name();
        try (ImportRun run = new ImportRun(uploads.store(), IMPORTERS, Validation.forImport())) {
            run.whenStored(batch -> {
                for (StixObject o : batch) {
                    received.add(new Disclosure(0, null, partner, Disclosure.Direction.RECEIVED, o.id(), o.version(), requestId));
                }
            });
            run.run(new FeedInput(FILE, () -> open(body)), format, options);
            return run.report();
        } finally {
            // what was stored stays stored even when a later batch failed, so it is on record either way
            synchronized (received) {
                if (!received.isEmpty()) {
                    uploads.log().append(List.copyOf(received), Instant.now());
                }
            }
        }
    }

    /** The retro-hunt {@code import} runs after itself: counts, or why it did not run. */
    private static void retrohunt(Uploads uploads, Instant importedAt, Map<String, Object> json) {
        if (uploads.historyDir() == null) {
            return;
        }
        try {
            Retrohunt.Result retro = Retrohunt.afterImport(uploads.store(), uploads.historyDir(), importedAt);
            if (retro != null) {
                json.put("retrohunt", Map.of("indicators", retro.indicators(), "sightings", retro.sightings(),
                        "not_retrohunted", retro.notRetrohunted()));
            }
        } catch (IOException e) {
            json.put("retrohunt", Map.of("skipped", Uploads.historyBusy().detail()));
        }
    }

    private static InputStream open(byte[] body) throws IOException {
        InputStream in = new ByteArrayInputStream(body);
        boolean gzip = body.length >= 2 && (body[0] & 0xff) == 0x1f && (body[1] & 0xff) == 0x8b;
        return gzip ? new GZIPInputStream(in, 1 << 16) : in;
    }

    /** The importer's format name; {@code plain} (one value a line) is read by the list importer, {@code csv}. */
    private static String format(Context ctx) {
        String format = RestApi.param(ctx, "format", "auto");
        if (format.equals("plain")) {
            return "csv";
        }
        if (!format.equals("auto") && IMPORTERS.byFormat(format).isEmpty()) {
            throw ApiException.badRequest("format must be auto, plain or one of " + String.join(", ", IMPORTERS.formats()));
        }
        return format;
    }

    /** The options of {@code import}: {@code source}, {@code tlp}, {@code actor}, {@code subdomains}. */
    private static ImportOptions options(Context ctx) {
        String tlpText = RestApi.param(ctx, "tlp", null);
        Tlp tlp = tlpText == null ? null : Tlp.parse(tlpText).orElseThrow(() -> ApiException.badRequest(
                "tlp must be one of clear, green, amber, amber+strict, red"));
        String subdomains = RestApi.param(ctx, "subdomains", "false");
        if (!subdomains.equals("true") && !subdomains.equals("false")) {
            throw ApiException.badRequest("subdomains must be true or false");
        }
        return new ImportOptions(RestApi.param(ctx, "source", null), tlp, RestApi.param(ctx, "actor", null),
                subdomains.equals("true"), Instant.now());
    }
}
