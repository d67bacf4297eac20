package org.threatledger.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.Tlp;
import org.threatledger.store.PageQuery;

/**
 * TAXII paging over 5,000 objects that share one date_added (one put), limit 100, while another
 * thread keeps adding objects: no duplicates, and no gaps (every object the store ordered before the
 * last one the walk saw was seen).
 */
class PaginationTest {
    @TempDir
    Path home;

    @Test
    void walk_5000SharingOneDateAdded_limit100_whileAdding_noDuplicatesNoGaps() throws Exception {
        try (Fixture f = Fixture.oneCollection(home)) {
            f.store.put(Fixture.indicators("same", 5_000, Tlp.GREEN), Fixture.TEST);
            SpecClient client = f.client("acme");
            AtomicBoolean walking = new AtomicBoolean(true);
            Thread adder = Thread.ofPlatform().start(() -> {
                for (int batch = 0; walking.get() && batch < 40; batch++) {
                    f.store.put(Fixture.indicators("added" + batch + "-", 25, Tlp.GREEN), Fixture.TEST);
                }
            });
            List<String> seen = new ArrayList<>();
            String next = null;
            int pages = 0;
            do {
                JsonNode page = client.get("/taxii2/intel/collections/all/objects/?limit=100"
                        + (next == null ? "" : "&next=" + next)).json();
                page.path("objects").forEach(o -> seen.add(o.get("id").asText()));
                next = page.path("more").asBoolean() ? page.get("next").asText() : null;
                pages++;
            } while (next != null);
            walking.set(false);
            adder.join();

            assertThat(seen).doesNotHaveDuplicates();
            assertThat(seen).containsAll(Fixture.indicators("same", 5_000, Tlp.GREEN).stream().map(o -> o.id()).toList());
            assertThat(seen).containsExactlyInAnyOrderElementsOf(orderedUpTo(f, seen.getLast()));
            assertThat(pages).isGreaterThanOrEqualTo(50);
        }
    }

    /** Every current object the store orders at or before this one: what a gap-free walk must have seen. */
    private static Set<String> orderedUpTo(Fixture f, String lastId) {
        Instant last = f.store.get(lastId).orElseThrow().dateAdded();
        Set<String> out = new HashSet<>();
        f.store.page(new PageQuery(PageQuery.Versions.LAST, Set.of(), Set.of(), Set.of(), Set.of(), null, -1, -1, 1_000_000),
                p -> {
                    if (!p.stored().dateAdded().isAfter(last)) {
                        out.add(p.stored().object().id());
                    }
                });
        return out;
    }
}
