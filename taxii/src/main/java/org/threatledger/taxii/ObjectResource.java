package org.threatledger.taxii;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.threatledger.stix.StixJson;
import org.threatledger.store.PageQuery;

/**
 * One object of a collection (TAXII 2.1 §5.6 GET, §5.7 DELETE) and its versions (§5.8). An object
 * the partner may not see answers 404, like one that does not exist. DELETE removes the object
 * from a manual collection; a query collection follows the knowledge base, so DELETE there is 403.
 */
final class ObjectResource {
    private final TaxiiContext ctx;

    ObjectResource(TaxiiContext ctx) {
        this.ctx = ctx;
    }

    TaxiiResponse get(TaxiiRequest r) {
        CollectionDefinition c = ctx.readable(r);
        Pager.Page page = page(r, c, PageQuery.Versions.LAST);
        ctx.disclose(r, page.entries());
        return TaxiiResponse.json(200, ObjectsResource.envelope(page, ctx.cursorKey), TaxiiContext.dateHeaders(page.entries()));
    }

    TaxiiResponse versions(TaxiiRequest r) {
        CollectionDefinition c = ctx.readable(r);
        Pager.Page page = page(r, c, PageQuery.Versions.ALL);
        ObjectNode body = StixJson.object();
        body.put("more", page.more());
        if (page.more()) {
            body.put("next", page.next().encode(ctx.cursorKey));
        }
        ArrayNode versions = body.putArray("versions");
        page.entries().forEach(e -> versions.add(e.object().version()));
        return TaxiiResponse.json(200, body, TaxiiContext.dateHeaders(page.entries()));
    }

    TaxiiResponse delete(TaxiiRequest r) {
        CollectionDefinition c = ctx.writable(r);
        if (!c.manual()) {
            throw TaxiiException.forbidden("collection " + c.id() + " is a query over the knowledge base; its objects"
                    + " cannot be deleted from it");
        }
        String id = r.path("object");
        if (!ctx.store.removeMember(c.id(), id)) {
            throw TaxiiException.notFound("no object " + Filters.clip(id) + " in collection " + c.id());
        }
        return new TaxiiResponse(200, Map.of(), MediaTypes.TAXII, List.of());
    }

    private Pager.Page page(TaxiiRequest r, CollectionDefinition c, PageQuery.Versions defaultVersions) {
        String id = r.path("object");
        Filters f = Filters.of(r, defaultVersions);
        Filters one = new Filters(Set.of(id), f.types(), f.versions(), f.versionsAt(), f.specVersionMatches(),
                f.addedAfterMicros(), f.limit(), f.next());
        Pager.Page page = Pager.page(ctx.store, c, ctx.visibility(r, c), one, ctx.cursorKey, ctx.config().defaultTlp());
        if (page.entries().isEmpty() && !page.more() && r.param("next") == null) {
            throw TaxiiException.notFound("no object " + Filters.clip(id) + " in collection " + c.id());
        }
        return page;
    }
}
