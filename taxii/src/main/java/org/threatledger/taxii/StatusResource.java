package org.threatledger.taxii;

/** The status of a POST (TAXII 2.1 §4.3), visible only to the partner that posted. */
final class StatusResource {
    private final TaxiiContext ctx;

    StatusResource(TaxiiContext ctx) {
        this.ctx = ctx;
    }

    TaxiiResponse get(TaxiiRequest r) {
        ctx.apiRoot(r);
        String id = r.path("status");
        return ctx.statuses.get(id, r.partner().name()).map(TaxiiResponse::json)
                .orElseThrow(() -> TaxiiException.notFound("no status " + Filters.clip(id)));
    }
}
