package org.threatledger.taxii;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.threatledger.store.KnowledgeStore;

/**
 * The TAXII 2.1 service, framework-free: the HTTP layer authenticates, bounds the body, builds a
 * {@link TaxiiRequest} and writes the {@link TaxiiResponse} back. Here the Accept and Content-Type
 * headers are negotiated (406, 415), the request goes to its resource, and every failure becomes
 * the TAXII error resource in exactly one place: a {@link TaxiiException} with its own words, any
 * other exception as a 500 that says nothing about its cause (the caller logs it).
 */
public final class TaxiiService {
    private final DiscoveryResource discovery;
    private final CollectionsResource collections;
    private final ObjectsResource objects;
    private final ObjectResource object;
    private final ManifestResource manifest;
    private final StatusResource status;

    /** What the caller should know about a failure it did not foresee (the response says nothing). */
    @FunctionalInterface
    public interface FailureLog {
        void failed(Endpoint endpoint, TaxiiRequest request, RuntimeException e);
    }

    private final FailureLog failures;

    /** A service over a fixed configuration. */
    public TaxiiService(SharingConfig config, KnowledgeStore store, DisclosureLog log, FailureLog failures) {
        this(() -> config, store, log, failures);
    }

    /** A service that follows the configuration {@code config} gives at each request ({@link LiveSharingConfig}). */
    public TaxiiService(Supplier<SharingConfig> config, KnowledgeStore store, DisclosureLog log, FailureLog failures) {
        TaxiiContext ctx = new TaxiiContext(config, store, log);
        this.discovery = new DiscoveryResource(ctx);
        this.collections = new CollectionsResource(ctx);
        this.objects = new ObjectsResource(ctx);
        this.object = new ObjectResource(ctx);
        this.manifest = new ManifestResource(ctx);
        this.status = new StatusResource(ctx);
        this.failures = failures;
    }

    /** Answers one request; never throws. */
    public TaxiiResponse serve(Endpoint endpoint, TaxiiRequest r) {
        try {
            String mediaType = negotiate(endpoint, r);
            TaxiiResponse response = dispatch(endpoint, r);
            if (!mediaType.equals(response.mediaType()) && response.status() < 300) {
                return new TaxiiResponse(response.status(), response.headers(), mediaType, response.chunks());
            }
            return response;
        } catch (TaxiiException e) {
            return TaxiiResponse.error(e);
        } catch (RuntimeException e) {
            failures.failed(endpoint, r, e);
            return TaxiiResponse.error(TaxiiException.internal());
        }
    }

    private TaxiiResponse dispatch(Endpoint endpoint, TaxiiRequest r) {
        return switch (endpoint) {
            case DISCOVERY -> discovery.discovery(r);
            case API_ROOT -> discovery.apiRoot(r);
            case STATUS -> status.get(r);
            case COLLECTIONS -> collections.list(r);
            case COLLECTION -> collections.one(r);
            case MANIFEST -> manifest.get(r);
            case OBJECTS_GET -> objects.get(r);
            case OBJECTS_POST -> objects.post(r);
            case OBJECT_GET -> object.get(r);
            case OBJECT_DELETE -> object.delete(r);
            case VERSIONS -> object.versions(r);
        };
    }

    /** TAXII 2.1 §1.6.8: the response media type, or 406/415. */
    private static String negotiate(Endpoint endpoint, TaxiiRequest r) {
        if (endpoint == Endpoint.OBJECTS_POST && !MediaTypes.is(r.contentType(), MediaTypes.TAXII)
                && !MediaTypes.is(r.contentType(), MediaTypes.STIX)) {
            throw TaxiiException.of(415, "POST a body of media type " + MediaTypes.TAXII);
        }
        if (MediaTypes.accepts(r.accept(), MediaTypes.TAXII)) {
            return MediaTypes.TAXII;
        }
        if (endpoint.acceptsStixMediaType() && MediaTypes.accepts(r.accept(), MediaTypes.STIX)) {
            return MediaTypes.STIX;
        }
        throw TaxiiException.of(406, "this endpoint answers " + MediaTypes.TAXII
                + (endpoint.acceptsStixMediaType() ? " or " + MediaTypes.STIX : ""));
    }

    /** The headers every TAXII response carries besides its own. */
    public static Map<String, String> commonHeaders() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Cache-Control", "no-store");
        h.put("X-Content-Type-Options", "nosniff");
        return h;
    }
}
