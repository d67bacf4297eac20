package org.threatledger.taxii;

/**
 * A TAXII collection: a named query over the knowledge base ({@link CollectionQuery} syntax) or,
 * when {@code query} is null, an explicit list of members kept in the store.
 */
public record CollectionDefinition(String id, String apiRoot, String title, String description, String query) {

    public boolean manual() {
        return query == null;
    }
}
