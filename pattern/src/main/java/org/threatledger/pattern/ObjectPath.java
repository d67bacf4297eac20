package org.threatledger.pattern;

import java.util.List;
import java.util.Objects;

/**
 * An object path (STIX 2.1 §9.3, "Object Path"): {@code type:property} followed by dictionary
 * keys, extension names, list indexes or {@code [*]}. The first step is always a {@link PathStep.Key}.
 */
public record ObjectPath(String objectType, List<PathStep> steps) {
    public ObjectPath {
        Objects.requireNonNull(objectType, "objectType");
        steps = List.copyOf(steps);
        if (steps.isEmpty() || !(steps.getFirst() instanceof PathStep.Key)) {
            throw new IllegalArgumentException("an object path starts with a property name: " + steps);
        }
    }

    /** {@code type:property} with no further steps. */
    public static ObjectPath of(String objectType, String property) {
        return new ObjectPath(objectType, List.of(new PathStep.Key(property)));
    }

    /** The name of the object's own property (the first step). */
    public String property() {
        return ((PathStep.Key) steps.getFirst()).name();
    }

    /** Canonical text, e.g. {@code file:hashes.'SHA-256'}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(objectType).append(':').append(steps.getFirst());
        for (int i = 1; i < steps.size(); i++) {
            PathStep step = steps.get(i);
            if (step instanceof PathStep.Key) {
                sb.append('.');
            }
            sb.append(step);
        }
        return sb.toString();
    }
}
