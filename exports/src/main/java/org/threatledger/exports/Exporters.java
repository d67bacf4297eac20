package org.threatledger.exports;

import java.util.List;
import java.util.Optional;

/** The export formats ThreatLedger ships, registered here explicitly. */
public final class Exporters {
    private final List<Exporter> exporters;

    private Exporters(List<Exporter> exporters) {
        this.exporters = List.copyOf(exporters);
    }

    /** Every built-in exporter, {@code stix21} first. */
    public static Exporters builtIn() {
        return new Exporters(List.of(
                new StixBundleExporter(),
                new ZeekIntelExporter(),
                new SuricataDatasetExporter(),
                new CsvExporter(),
                new MispEventExporter(),
                new NavigatorLayerExporter()));
    }

    public List<Exporter> all() {
        return exporters;
    }

    /** The exporter for a {@code --format} name. */
    public Optional<Exporter> byFormat(String format) {
        return exporters.stream().filter(e -> e.format().equals(format)).findFirst();
    }

    /** The format names, for help texts and errors. */
    public List<String> formats() {
        return exporters.stream().map(Exporter::format).toList();
    }
}
