package org.threatledger.taxii;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.threatledger.stix.StixJson;

/**
 * The collections resource (TAXII 2.1 §5.1) and one collection (§5.2): only the collections this
 * partner may read or write, with {@code can_read}/{@code can_write} from its agreement.
 */
final class CollectionsResource {
    private final TaxiiContext ctx;

    CollectionsResource(TaxiiContext ctx) {
        this.ctx = ctx;
    }

    TaxiiResponse list(TaxiiRequest r) {
        ApiRootDefinition root = ctx.apiRoot(r);
        ObjectNode body = StixJson.object();
        ArrayNode out = StixJson.mapper().createArrayNode();
        for (CollectionDefinition c : ctx.config().collections()) {
            if (c.apiRoot().equals(root.name()) && (r.partner().canRead(c.id()) || r.partner().canWrite(c.id()))) {
                out.add(describe(c, r.partner()));
            }
        }
        if (!out.isEmpty()) {
            body.set("collections", out);
        }
        return TaxiiResponse.json(body);
    }

    TaxiiResponse one(TaxiiRequest r) {
        return TaxiiResponse.json(describe(ctx.visibleCollection(r), r.partner()));
    }

    private static ObjectNode describe(CollectionDefinition c, Partner p) {
        ObjectNode n = StixJson.object();
        n.put("id", c.id());
        n.put("title", c.title());
        if (c.description() != null) {
            n.put("description", c.description());
        }
        n.put("can_read", p.canRead(c.id()));
        n.put("can_write", p.canWrite(c.id()));
        n.putArray("media_types").add(MediaTypes.STIX);
        return n;
    }
}
