package org.threatledger.store;

/**
 * A stored version with its position in the {@code (date_added, seq)} order, which a cursor
 * resumes after.
 */
public record PagedObject(StoredObject stored, long dateAddedMicros, long seq) {
}
