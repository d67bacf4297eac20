package org.threatledger.stix;

/**
 * Something in a STIX document that could not be taken, named precisely enough to find and fix it.
 *
 * @param source   file name or URL
 * @param line     1-based line where the object (or the syntax error) starts, 0 if unknown
 * @param objectId the object's id when it has one, else null
 * @param property the property at fault, else null
 * @param message  what is wrong, naming the value
 */
public record ReadProblem(String source, long line, String objectId, String property, String message) {
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(source);
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (objectId != null) {
            sb.append(' ').append(objectId);
        }
        if (property != null) {
            sb.append(" property '").append(property).append('\'');
        }
        return sb.append(": ").append(message).toString();
    }
}
