package org.threatledger.stix;

/**
 * One thing the {@link Validator} found in an object.
 *
 * @param severity ERROR when the spec's MUST is broken, WARNING for a SHOULD or an unknown vocabulary value
 * @param objectId the object's id (or its type when it has no usable id)
 * @param property the property at fault (a path such as {@code external_references[2].source_name}), or null
 * @param value    the offending value as JSON text (shortened), or null when the property is missing
 * @param message  what is wrong
 */
public record Finding(Severity severity, String objectId, String property, String value, String message) {
    private static final int MAX_VALUE = 120;

    /** ERROR breaks the spec; WARNING is allowed but worth a look. */
    public enum Severity { ERROR, WARNING }

    public Finding {
        if (value != null && value.length() > MAX_VALUE) {
            value = value.substring(0, MAX_VALUE) + "…";
        }
    }

    /** True for ERROR findings. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** E.g. {@code ERROR indicator--… property 'pattern_type': required property is missing}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(severity.name()).append(' ').append(objectId);
        if (property != null) {
            sb.append(" property '").append(property).append('\'');
        }
        sb.append(": ").append(message);
        if (value != null) {
            sb.append(" (value ").append(value).append(')');
        }
        return sb.toString();
    }
}
