package org.threatledger.taxii;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.threatledger.stix.StixJson;

/** The server discovery resource (TAXII 2.1 §4.1) and the API root resources (§4.2). */
final class DiscoveryResource {
    private final TaxiiContext ctx;

    DiscoveryResource(TaxiiContext ctx) {
        this.ctx = ctx;
    }

    TaxiiResponse discovery(TaxiiRequest r) {
        SharingConfig config = ctx.config();
        ObjectNode body = StixJson.object();
        body.put("title", config.title());
        putIf(body, "description", config.description());
        putIf(body, "contact", config.contact());
        if (!config.apiRoots().isEmpty()) {
            body.put("default", "/taxii2/" + config.apiRoots().getFirst().name() + "/");
        }
        ArrayNode roots = body.putArray("api_roots");
        config.apiRoots().forEach(a -> roots.add("/taxii2/" + a.name() + "/"));
        return TaxiiResponse.json(body);
    }

    TaxiiResponse apiRoot(TaxiiRequest r) {
        ApiRootDefinition root = ctx.apiRoot(r);
        ObjectNode body = StixJson.object();
        body.put("title", root.title() == null ? root.name() : root.title());
        putIf(body, "description", root.description());
        body.putArray("versions").add(MediaTypes.TAXII);
        body.put("max_content_length", ctx.maxContentLength);
        return TaxiiResponse.json(body);
    }

    private static void putIf(ObjectNode n, String name, String value) {
        if (value != null) {
            n.put(name, value);
        }
    }
}
