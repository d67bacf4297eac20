package org.threatledger.taxii;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.threatledger.stix.Timestamps;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;

/**
 * What every resource shares: the configuration, the store, the disclosure log, the cursor key,
 * and the access rules for API roots and collections. A collection a partner may neither read nor
 * write answers 404, exactly like one that does not exist, so its existence is not disclosed.
 */
final class TaxiiContext {
    private final Supplier<SharingConfig> config;
    final KnowledgeStore store;
    final DisclosureLog log;
    final byte[] cursorKey;
    /** Enforced by the HTTP layer, which takes it once at start; the API root resource says the same. */
    final long maxContentLength;
    final StatusBoard statuses = new StatusBoard();
    private final Attributions attributions;

    /** The cursor key and size limit are those of the configuration at start: a cursor stays valid while the server runs. */
    TaxiiContext(Supplier<SharingConfig> config, KnowledgeStore store, DisclosureLog log) {
        SharingConfig atStart = config.get();
        this.config = config;
        this.store = store;
        this.log = log;
        this.cursorKey = atStart.cursorSecret().getBytes(StandardCharsets.UTF_8);
        this.maxContentLength = atStart.maxContentLength();
        this.attributions = new Attributions(store);
    }

    /** The configuration in force now (partners, collections and API roots follow the file). */
    SharingConfig config() {
        return config.get();
    }

    ApiRootDefinition apiRoot(TaxiiRequest r) {
        String name = r.path("root");
        return config().apiRoots().stream().filter(a -> a.name().equals(name)).findFirst()
                .orElseThrow(() -> TaxiiException.notFound("no API root " + Filters.clip(name)));
    }

    CollectionDefinition visibleCollection(TaxiiRequest r) {
        ApiRootDefinition root = apiRoot(r);
        String id = r.path("collection");
        return config().collection(root.name(), id)
                .filter(c -> r.partner().canRead(c.id()) || r.partner().canWrite(c.id()))
                .orElseThrow(() -> TaxiiException.notFound("no collection " + Filters.clip(id) + " in API root " + root.name()));
    }

    CollectionDefinition readable(TaxiiRequest r) {
        CollectionDefinition c = visibleCollection(r);
        if (!r.partner().canRead(c.id())) {
            throw TaxiiException.forbidden("this partner may not read collection " + c.id());
        }
        return c;
    }

    CollectionDefinition writable(TaxiiRequest r) {
        CollectionDefinition c = visibleCollection(r);
        if (!r.partner().canWrite(c.id())) {
            throw TaxiiException.forbidden("this partner may not write to collection " + c.id());
        }
        return c;
    }

    /** What the partner may see of the collection: the TLP rules, and the members of its query. */
    Visibility visibility(TaxiiRequest r, CollectionDefinition c) {
        Tlp defaultTlp = config().defaultTlp();
        Visibility v = new Visibility(r.partner(), defaultTlp, store);
        CollectionQuery q = c.manual() ? CollectionQuery.ALL : CollectionQuery.parse(c.query());
        return q.actorCountries().isEmpty() ? v : v.within(attributions.members(q, v, defaultTlp));
    }

    /** Records the versions sent in one response. */
    void disclose(TaxiiRequest r, List<Pager.Entry> sent) {
        List<Disclosure> out = new ArrayList<>(sent.size());
        for (Pager.Entry e : sent) {
            out.add(new Disclosure(0, null, r.partner().name(), Disclosure.Direction.SENT, e.object().id(),
                    e.object().version(), r.requestId()));
        }
        log.append(out, Instant.now());
    }

    /** The {@code X-TAXII-Date-Added-First/Last} headers of a page (TAXII 2.1 §3.4.3). */
    static Map<String, String> dateHeaders(List<Pager.Entry> entries) {
        if (entries.isEmpty()) {
            return Map.of();
        }
        return Map.of("X-TAXII-Date-Added-First", Timestamps.format(entries.getFirst().row().stored().dateAdded()),
                "X-TAXII-Date-Added-Last", Timestamps.format(entries.getLast().row().stored().dateAdded()));
    }
}
