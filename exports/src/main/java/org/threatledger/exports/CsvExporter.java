package org.threatledger.exports;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code csv}: one row per value, {@code value,type,port,subdomains,actor,tlp,source,comment,reference},
 * as RFC 4180 says: CRLF line ends, a header row, a field quoted when it holds a comma, a quote or a
 * line break, quotes doubled. Every kind of value can be written, so nothing is skipped here.
 */
final class CsvExporter implements Exporter {
    static final List<String> COLUMNS = List.of("value", "type", "port", "subdomains", "actor", "tlp", "source", "comment", "reference");

    @Override
    public String format() {
        return "csv";
    }

    @Override
    public String description() {
        return "CSV (RFC 4180): value,type,port,subdomains,actor,tlp,source,comment,reference";
    }

    @Override
    public void write(ExportContext context, ExportOutput output) throws IOException {
        try (Writer w = new BufferedWriter(new OutputStreamWriter(output.open("indicators.csv"), StandardCharsets.UTF_8))) {
            row(w, COLUMNS);
            for (ExportValue v : context.values()) {
                row(w, List.of(v.value(), v.kind().label(), v.port() < 0 ? "" : Integer.toString(v.port()),
                        Boolean.toString(v.subdomains()), text(v.actor()), v.tlp().label(), text(v.source()),
                        text(v.comment()), text(v.reference())));
                context.summary().wrote();
            }
        }
    }

    private static String text(String s) {
        return s == null ? "" : s;
    }

    private static void row(Writer w, List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                w.write(',');
            }
            w.write(quote(fields.get(i)));
        }
        w.write("\r\n");
    }

    /** RFC 4180 §2.6-2.7: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
