package org.threatledger.taxii;

/**
 * The TAXII 2.1 endpoints (TAXII 2.1 §4, §5) this service answers, with their path under
 * {@code /taxii2/} and whether they also accept the STIX media type (the objects endpoints do).
 */
public enum Endpoint {
    DISCOVERY("GET", "/", false),
    API_ROOT("GET", "/{root}/", false),
    STATUS("GET", "/{root}/status/{status}/", false),
    COLLECTIONS("GET", "/{root}/collections/", false),
    COLLECTION("GET", "/{root}/collections/{collection}/", false),
    MANIFEST("GET", "/{root}/collections/{collection}/manifest/", false),
    OBJECTS_GET("GET", "/{root}/collections/{collection}/objects/", true),
    OBJECTS_POST("POST", "/{root}/collections/{collection}/objects/", true),
    OBJECT_GET("GET", "/{root}/collections/{collection}/objects/{object}/", true),
    OBJECT_DELETE("DELETE", "/{root}/collections/{collection}/objects/{object}/", true),
    VERSIONS("GET", "/{root}/collections/{collection}/objects/{object}/versions/", false);

    private final String method;
    private final String path;
    private final boolean stixMediaType;

    Endpoint(String method, String path, boolean stixMediaType) {
        this.method = method;
        this.path = path;
        this.stixMediaType = stixMediaType;
    }

    public String method() {
        return method;
    }

    /** The path under {@code /taxii2}, with {@code {name}} path parameters. */
    public String path() {
        return path;
    }

    /** Whether the STIX media type is acceptable besides the TAXII one. */
    public boolean acceptsStixMediaType() {
        return stixMediaType;
    }
}
