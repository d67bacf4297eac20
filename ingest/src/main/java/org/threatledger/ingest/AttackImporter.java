package org.threatledger.ingest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * MITRE ATT&CK releases (Enterprise, Mobile, ICS), STIX 2.0 (mitre/cti) or 2.1 (attack-stix-data).
 * Techniques and sub-techniques, tactics, groups with aliases, software, campaigns, mitigations,
 * data sources and {@code attributed-to} are plain STIX objects here; what is ATT&CK-specific is
 * kept as is ({@code x_mitre_*} properties, {@code x-mitre-*} objects). Revoked and deprecated
 * objects are stored, with their flags, so that history is complete; current views leave them out.
 */
public final class AttackImporter implements Importer {
    @Override
    public String format() {
        return "attack";
    }

    @Override
    public boolean recognises(String name, byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        return text.stripLeading().startsWith("{")
                && (text.contains("\"x_mitre_") || text.contains("\"x-mitre-"))
                && text.contains("\"bundle\"");
    }

    @Override
    public void read(FeedInput input, ImportOptions options, ImportSink sink) throws IOException {
        StixImporter.readDocument(input, sink);
    }
}
