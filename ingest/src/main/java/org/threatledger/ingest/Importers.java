package org.threatledger.ingest;

import java.util.List;
import java.util.Optional;
import org.threatledger.ingest.lists.IocListImporter;
import org.threatledger.ingest.misp.MispEventImporter;
import org.threatledger.ingest.misp.MispGalaxyImporter;
import org.threatledger.ingest.openioc.OpenIocImporter;

/**
 * The importers ThreatLedger ships, in the order {@code --format auto} asks them: the most
 * specific formats first, the plain list reader last (it takes almost anything).
 */
public final class Importers {
    private final List<Importer> importers;

    private Importers(List<Importer> importers) {
        this.importers = importers;
    }

    /** Every built-in importer. */
    public static Importers builtIn() {
        return new Importers(List.of(
                new MispGalaxyImporter(),
                new MispEventImporter(),
                new AttackImporter(),
                new StixImporter(),
                new OpenIocImporter(),
                new IocListImporter()));
    }

    public List<Importer> all() {
        return importers;
    }

    /** The importer for a {@code --format} name. */
    public Optional<Importer> byFormat(String format) {
        return importers.stream().filter(i -> i.format().equals(format)).findFirst();
    }

    /** The first importer that recognises the document. */
    public Optional<Importer> detect(String name, byte[] head) {
        return importers.stream().filter(i -> i.recognises(name, head)).findFirst();
    }

    /** The format names, for help texts and errors. */
    public List<String> formats() {
        return importers.stream().map(Importer::format).toList();
    }
}
