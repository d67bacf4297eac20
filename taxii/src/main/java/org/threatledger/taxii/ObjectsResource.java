package org.threatledger.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;
import org.threatledger.stix.ValidationReport;
import org.threatledger.stix.Validator;
import org.threatledger.store.PageQuery;
import org.threatledger.store.Provenance;

/**
 * The objects of a collection (TAXII 2.1 §5.4 GET, §5.5 POST). GET pages the visible versions in
 * an envelope; POST validates every object, stores the valid ones in one transaction with the
 * partner as their source (their markings untouched, so they are never re-shared beyond them) and
 * answers a status resource at once, since the work is done by then.
 */
final class ObjectsResource {
    private final TaxiiContext ctx;
    private static final byte[] EMPTY = "{}".getBytes(StandardCharsets.UTF_8);
    private static final byte[] COMMA = ",".getBytes(StandardCharsets.UTF_8);
    private static final byte[] END = "]}".getBytes(StandardCharsets.UTF_8);

    private final Validator validator = new Validator();

    ObjectsResource(TaxiiContext ctx) {
        this.ctx = ctx;
    }

    TaxiiResponse get(TaxiiRequest r) {
        CollectionDefinition c = ctx.readable(r);
        Pager.Page page = Pager.page(ctx.store, c, ctx.visibility(r, c), Filters.of(r, PageQuery.Versions.LAST),
                ctx.cursorKey, ctx.config().defaultTlp());
        ctx.disclose(r, page.entries());
        return TaxiiResponse.json(200, envelope(page, ctx.cursorKey), TaxiiContext.dateHeaders(page.entries()));
    }

    /**
     * The envelope (TAXII 2.1 §3.7) of a page, empty when there is nothing at all, as chunks: an
     * object served as stored is its stored JSON, neither parsed and re-serialised nor copied (the
     * cursor is base64url and the booleans are literals, so nothing here needs escaping).
     */
    static List<byte[]> envelope(Pager.Page page, byte[] cursorKey) {
        if (!page.more() && page.entries().isEmpty()) {
            return List.of(EMPTY);
        }
        List<byte[]> out = new ArrayList<>(2 * page.entries().size() + 2);
        out.add(("{\"more\":" + page.more() + (page.more() ? ",\"next\":\"" + page.next().encode(cursorKey) + "\"" : "")
                + ",\"objects\":[").getBytes(StandardCharsets.UTF_8));
        for (Pager.Entry e : page.entries()) {
            if (out.size() > 1) {
                out.add(COMMA);
            }
            out.add(e.object().jsonUtf8());
        }
        out.add(END);
        return out;
    }

    TaxiiResponse post(TaxiiRequest r) {
        CollectionDefinition c = ctx.writable(r);
        Instant requested = Instant.now();
        JsonNode envelope;
        try {
            envelope = StixJson.mapper().readTree(r.body());
        } catch (IOException | RuntimeException e) {
            throw TaxiiException.badRequest("the body is not a JSON envelope");
        }
        if (envelope == null || !envelope.path("objects").isArray()) {
            throw TaxiiException.badRequest("the body is not an envelope with an objects array (TAXII 2.1 §3.7)");
        }
        List<StixObject> valid = new ArrayList<>();
        ArrayNode failures = StixJson.mapper().createArrayNode();
        for (JsonNode o : envelope.get("objects")) {
            String problem = problem(o);
            if (problem == null) {
                valid.add(StixObject.of((ObjectNode) o));
            } else {
                failures.addObject().put("id", o.path("id").asText("")).put("version", o.path("modified").asText(""))
                        .put("message", problem);
            }
        }
        ctx.store.put(valid, new Provenance(r.partner().name(), "taxii:" + c.apiRoot() + "/" + c.id(), requested,
                ctx.config().defaultTlp()));
        if (c.manual() && !valid.isEmpty()) {
            ctx.store.addMembers(c.id(), valid.stream().map(StixObject::id).distinct().toList());
        }
        List<Disclosure> received = new ArrayList<>();
        valid.forEach(o -> received.add(new Disclosure(0, null, r.partner().name(), Disclosure.Direction.RECEIVED,
                o.id(), o.version(), r.requestId())));
        ctx.log.append(received, Instant.now());
        ObjectNode status = status(requested, valid, failures);
        ctx.statuses.record(status.get("id").asText(), r.partner().name(), status);
        return TaxiiResponse.json(202, status, java.util.Map.of());
    }

    private String problem(JsonNode o) {
        if (!o.isObject()) {
            return "not a JSON object";
        }
        ValidationReport report = validator.validate(StixObject.of((ObjectNode) o));
        return report.isValid() ? null : Filters.clip(report.errors().getFirst().toString());
    }

    private static ObjectNode status(Instant requested, List<StixObject> valid, ArrayNode failures) {
        ObjectNode s = StixJson.object();
        s.put("id", UUID.randomUUID().toString());
        s.put("status", "complete");
        s.put("request_timestamp", Timestamps.format(requested));
        s.put("total_count", valid.size() + failures.size());
        s.put("success_count", valid.size());
        ArrayNode successes = s.putArray("successes");
        valid.forEach(o -> successes.addObject().put("id", o.id()).put("version", o.version()));
        s.put("failure_count", failures.size());
        s.set("failures", failures);
        s.put("pending_count", 0);
        s.putArray("pendings");
        return s;
    }
}
