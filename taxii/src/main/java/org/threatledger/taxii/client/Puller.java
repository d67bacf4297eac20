package org.threatledger.taxii.client;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.threatledger.stix.Finding;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;
import org.threatledger.stix.ValidationReport;
import org.threatledger.stix.Validator;

/**
 * One pull of one collection's objects endpoint (TAXII 2.1 "Get Objects"), page by page.
 *
 * <p>Paging: while {@code more} is true the walk follows {@code next} with the query it started
 * with (a cursor belongs to its filters). A server may page by {@code added_after} alone (more
 * without next); the walk then asks again after the page's {@code X-TAXII-Date-Added-Last}. Either
 * way each query asks for {@code added_after = last - 1 µs} and drops what {@link PullState} says was
 * delivered at that instant, so ties on {@code date_added} lose nothing and repeat nothing.
 *
 * <p>Hostile servers: the same cursor twice, more pages than {@link ClientOptions#maxPages()}, or
 * "more" with no way forward stop the walk; so do an oversize page, a wrong media type or broken
 * JSON ({@link Transport}, {@link EnvelopeReader}). Objects that are not valid STIX are skipped and
 * reported; the valid ones are delivered. The state returned always resumes after the last page
 * read completely.
 */
final class Puller {
    private final Transport transport;
    private final URI objects;
    private final Validator validator;

    Puller(Transport transport, URI objects, Validator validator) {
        this.transport = transport;
        this.objects = objects;
        this.validator = validator;
    }

    PullResult pull(PullState since, long limit, Consumer<StixObject> consumer) {
        return new Walk(since, limit, consumer).run();
    }

    /** A page's paging facts and the keys of its objects. */
    private record Page(URI uri, boolean more, String next, Instant last, Set<String> keys, int fresh) { }

    private final class Walk implements EnvelopeReader.Sink {
        private final long limit;
        private final Consumer<StixObject> consumer;
        private final List<PullResult.Skipped> skipped = new ArrayList<>();
        private final Set<String> cursors = new HashSet<>();
        private PullState state;
        private int pages;
        private long delivered;
        private long duplicates;
        private URI pageUri;
        private Set<String> pageKeys;
        private int fresh;

        Walk(PullState since, long limit, Consumer<StixObject> consumer) {
            this.state = since;
            this.limit = limit;
            this.consumer = consumer;
        }

        PullResult run() {
            String next = state.next();
            Instant after = next != null ? state.nextAddedAfter() : state.addedAfter();
            while (delivered < limit) {
                if (pages >= transport.options().maxPages()) {
                    return stop(new TaxiiException(objects.toString(), "the server still has more after " + pages
                            + " pages, the most one pull reads; stopping what looks like endless paging"));
                }
                Page page;
                try {
                    page = read(query(after, next, (int) Math.min(transport.options().pageSize(), limit - delivered)));
                } catch (TaxiiException e) {
                    if (pages == 0 && next != null && next.equals(state.next()) && isClientError(e)) {
                        // A stored cursor may have expired: start over from added_after; the boundary keeps it exact.
                        next = null;
                        after = state.addedAfter();
                        state = new PullState(state.addedAfter(), state.boundary(), null, null);
                        continue;
                    }
                    return stop(e);
                }
                pages++;
                Instant previous = state.addedAfter();
                state = advance(state, page);
                if (!page.more()) {
                    state = new PullState(state.addedAfter(), state.boundary(), null, null);
                    return finish();
                }
                if (page.next() != null) {
                    if (!cursors.add(page.next())) {
                        return stop(new TaxiiException(page.uri().toString(), "the server sent the next cursor '"
                                + clip(page.next()) + "' a second time; stopping endless paging"));
                    }
                    next = page.next();
                    state = new PullState(state.addedAfter(), state.boundary(), next, after);
                    continue;
                }
                if (page.last() == null) {
                    return stop(new TaxiiException(page.uri().toString(),
                            "the server says more but sends neither next nor X-TAXII-Date-Added-Last; cannot go on"));
                }
                if (page.fresh() == 0 && java.util.Objects.equals(previous, state.addedAfter())) {
                    return stop(new TaxiiException(page.uri().toString(), "the server says more but sends no next and nothing new after "
                            + PullState.format(state.addedAfter()) + " (more objects share that date_added than fit a page?)"));
                }
                next = null;
                after = state.addedAfter();
                state = new PullState(state.addedAfter(), state.boundary(), null, null);
            }
            return finish();
        }

        private Page read(URI uri) {
            pageUri = uri;
            pageKeys = new LinkedHashSet<>();
            fresh = 0;
            try (Transport.Response r = transport.get(uri)) {
                EnvelopeReader.Envelope e = EnvelopeReader.read(r, this);
                Optional<String> lastHeader = r.header("X-TAXII-Date-Added-Last");
                Instant last = null;
                if (lastHeader.isPresent()) {
                    last = Timestamps.tryParse(lastHeader.get().strip()).orElseThrow(() -> new TaxiiException(uri.toString(),
                            "X-TAXII-Date-Added-Last '" + clip(lastHeader.get()) + "' is not a timestamp"));
                }
                return new Page(uri, e.more(), e.next(), last, pageKeys, fresh);
            }
        }

        @Override
        public void object(StixObject o) {
            String key = PullState.key(o.id(), o.version());
            if (state.boundary().contains(key) || !pageKeys.add(key)) {
                duplicates++;
                return;
            }
            ValidationReport report = validator.validate(o);
            if (!report.isValid()) {
                List<Finding> errors = report.errors();
                skipped.add(new PullResult.Skipped(pageUri.toString(), o.id(), o.type(), "not valid STIX: " + errors.get(0)
                        + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more errors)" : "")));
                return;
            }
            consumer.accept(o);
            delivered++;
            fresh++;
        }

        @Override
        public void unreadable(String objectId, String reason) {
            skipped.add(new PullResult.Skipped(pageUri.toString(), objectId, null, "not a STIX object: " + reason));
        }

        private PullResult finish() {
            return new PullResult(state, pages, delivered, duplicates, skipped, Optional.empty());
        }

        private PullResult stop(TaxiiException e) {
            return new PullResult(state, pages, delivered, duplicates, skipped, Optional.of(e));
        }
    }

    /**
     * Moves the boundary to the page's last {@code date_added}; a page that ends at the same
     * instant (a tie spanning pages) adds its keys to the boundary instead of replacing them.
     */
    static PullState advance(PullState s, Page page) {
        if (page.last() == null) {
            return s;
        }
        if (s.addedAfter() != null && !page.last().isAfter(s.addedAfter())) {
            Set<String> keys = new LinkedHashSet<>(s.boundary());
            keys.addAll(page.keys());
            return new PullState(s.addedAfter(), keys, s.next(), s.nextAddedAfter());
        }
        return new PullState(page.last(), page.keys(), s.next(), s.nextAddedAfter());
    }

    private URI query(Instant after, String next, int limit) {
        StringBuilder q = new StringBuilder("?limit=").append(limit);
        if (after != null) {
            // TAXII 2.1 added_after is exclusive: one microsecond earlier includes the boundary instant itself.
            q.append("&added_after=").append(encode(PullState.format(after.minus(1, ChronoUnit.MICROS))));
        }
        if (next != null) {
            q.append("&next=").append(encode(next));
        }
        return URI.create(objects + q.toString());
    }

    private static boolean isClientError(TaxiiException e) {
        int s = e.refusedWith();
        return s == 400 || s == 404 || s == 410 || s == 422;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String clip(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "…" : s;
    }
}
