package org.threatledger.exports;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;

/**
 * {@code stix21}: the {@link ObjectSelection} (the very objects {@code sync push} would send at the
 * same TLP ceiling) as one STIX 2.1 bundle, streamed, followed by the selected list entries as STIX
 * indicators ({@link org.threatledger.stix.IocIndicators}) carrying their list's markings. Every
 * TLP marking an exported object names is included as its official marking definition.
 */
final class StixBundleExporter implements Exporter {

    @Override
    public String format() {
        return "stix21";
    }

    @Override
    public String description() {
        return "one STIX 2.1 bundle (list entries become indicators)";
    }

    @Override
    public void write(ExportContext context, ExportOutput output) throws IOException {
        ExportOptions options = context.options();
        ObjectSelection selection = new ObjectSelection(context.store(), options.maxTlp(), options.types(),
                context.actor().map(List::of).orElse(List.of()), context.directory(), context.summary());
        Set<String> markings = new LinkedHashSet<>();
        try (OutputStream os = output.open("bundle.json");
                JsonGenerator g = StixJson.factory().createGenerator(os)) {
            g.setCodec(StixJson.mapper());
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", Ids.random("bundle"));
            g.writeArrayFieldStart("objects");
            selection.forEach(o -> write(g, o, markings, context));
            selection.forEachListIndicator(o -> write(g, o, markings, context));
            for (String m : markings) {
                var tlp = Tlp.ofMarking(m).filter(t -> t.markingId().equals(m));
                if (tlp.isPresent()) {
                    write(g, tlp.get().markingDefinition(), new HashSet<>(), context);
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static void write(JsonGenerator g, StixObject o, Set<String> markings, ExportContext context) {
        try {
            g.writeTree(o.json());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        markings.addAll(o.markingRefs());
        context.summary().wrote();
    }
}
