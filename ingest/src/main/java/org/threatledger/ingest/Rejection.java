package org.threatledger.ingest;

/**
 * A record (or part of one) that an importer could not take, named so an analyst can find it.
 *
 * @param file     the document's name
 * @param line     1-based line, 0 when the format has none
 * @param objectId the record's id (STIX id, MISP uuid, OpenIOC item id), null if none
 * @param field    the property, column or item path at fault, null if the whole record
 * @param type     the kind of record ({@code indicator}, {@code misp-attribute}, {@code trail}, ...)
 * @param reason   what is wrong, naming the value
 */
public record Rejection(String file, long line, String objectId, String field, String type, String reason) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(file);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (objectId != null) {
            sb.append(' ').append(objectId);
        }
        if (field != null) {
            sb.append(" field '").append(field).append('\'');
        }
        return sb.append(": ").append(reason).toString();
    }
}
