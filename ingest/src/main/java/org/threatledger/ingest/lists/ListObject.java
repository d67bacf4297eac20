package org.threatledger.ingest.lists;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.temporal.ChronoUnit;
import org.threatledger.ingest.ImportOptions;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;

/**
 * The {@code x-threatledger-ioc-list} object of one list file. Its version is the import time
 * (to the second); {@code x_threatledger_content_sha256} lets the store see that a re-import of
 * unchanged content is no new version.
 */
final class ListObject {
    static final String TYPE = "x-threatledger-ioc-list";

    private ListObject() {}

    static StixObject of(String id, String name, String actor, boolean subdomains, ListScan scan, ImportOptions options) {
        ObjectNode o = StixJson.object();
        String time = Timestamps.format(options.importedAt().truncatedTo(ChronoUnit.SECONDS));
        o.put("type", TYPE).put("spec_version", "2.1").put("id", id).put("created", time).put("modified", time);
        o.put("name", name).put("x_threatledger_source", options.source());
        if (actor != null) {
            o.put("x_threatledger_actor", actor);
        }
        if (!scan.aliases().isEmpty()) {
            ArrayNode aliases = o.putArray("x_threatledger_aliases");
            scan.aliases().forEach(aliases::add);
        }
        o.put("x_threatledger_subdomains", subdomains);
        o.put("x_threatledger_content_sha256", scan.contentSha256());
        if (!scan.references().isEmpty()) {
            ArrayNode refs = o.putArray("external_references");
            for (String url : scan.references()) {
                refs.addObject().put("source_name", options.source()).put("url", url);
            }
        }
        if (options.tlp() != null) {
            o.putArray("object_marking_refs").add(options.tlp().markingId());
        }
        return StixObject.of(o);
    }
}
