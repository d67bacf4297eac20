package org.threatledger.telemetry;

import java.util.List;
import java.util.function.Function;
import org.threatledger.pattern.ObjectPath;
import org.threatledger.pattern.PathStep;

/**
 * Turns an object path into the plain key the views switch on ({@code file:hashes.SHA-256},
 * {@code domain-name:resolves_to_refs[*].value}: keys unquoted, every list index as {@code [*]})
 * and applies a specific index ({@code [0]}) to the values found.
 */
final class ObservedPaths {
    private ObservedPaths() {}

    static List<Object> select(ObjectPath path, Function<String, List<Object>> byKey) {
        StringBuilder key = new StringBuilder(path.objectType()).append(':');
        int index = -1;
        boolean first = true;
        for (PathStep step : path.steps()) {
            switch (step) {
                case PathStep.Key k -> {
                    if (!first) {
                        key.append('.');
                    }
                    key.append(k.name());
                }
                case PathStep.Index i -> {
                    key.append("[*]");
                    index = i.index();
                }
                case PathStep.AnyIndex a -> key.append("[*]");
            }
            first = false;
        }
        List<Object> values = byKey.apply(key.toString());
        if (index < 0) {
            return values;
        }
        return index < values.size() ? List.of(values.get(index)) : List.of();
    }
}
