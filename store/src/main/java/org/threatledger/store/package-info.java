/**
 * The knowledge base: {@link org.threatledger.store.KnowledgeStore}, opened through
 * {@link org.threatledger.store.Stores} as an embedded SQLite file or a PostgreSQL database.
 *
 * <p>Both keep the same tables (Flyway migrations under {@code db/migration/<dialect>}):
 * {@code objects} holds every version with its provenance, effective TLP and a monotonic
 * {@code seq}; {@code current} points at each object's newest version; {@code keys} (lower-case
 * names, aliases, external ids), {@code edges} (what relationships and sightings point at) and
 * {@code search} (full text) are derived from a version when it becomes current, keyed by its
 * {@code seq}, and queries join them to {@code current} on that {@code seq}, so a replaced or
 * revoked version stops matching without any delete. {@code entries} holds the entries of the
 * current version of each list, keyed by the list version's {@code seq}.
 */
package org.threatledger.store;
