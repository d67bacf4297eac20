package org.threatledger.taxii;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.Timestamps;
import org.threatledger.store.PageQuery;

/**
 * The manifest of a collection (TAXII 2.1 §5.3): id, date added, version and media type of each
 * version the partner may see, paged like the objects. A manifest entry is withheld exactly when
 * the object would be (its existence is a disclosure too), but it is not written to the
 * disclosure log: no content leaves.
 */
final class ManifestResource {
    private final TaxiiContext ctx;

    ManifestResource(TaxiiContext ctx) {
        this.ctx = ctx;
    }

    TaxiiResponse get(TaxiiRequest r) {
        CollectionDefinition c = ctx.readable(r);
        Filters f = Filters.of(r, PageQuery.Versions.LAST);
        Pager.Page page = Pager.page(ctx.store, c, ctx.visibility(r, c), f, ctx.cursorKey, ctx.config().defaultTlp());
        ObjectNode body = StixJson.object();
        if (page.more() || !page.entries().isEmpty()) {
            body.put("more", page.more());
            if (page.more()) {
                body.put("next", page.next().encode(ctx.cursorKey));
            }
            ArrayNode objects = body.putArray("objects");
            for (Pager.Entry e : page.entries()) {
                objects.addObject().put("id", e.object().id())
                        .put("date_added", Timestamps.format(e.row().stored().dateAdded()))
                        .put("version", e.object().version())
                        .put("media_type", MediaTypes.STIX);
            }
        }
        return TaxiiResponse.json(200, body, TaxiiContext.dateHeaders(page.entries()));
    }
}
