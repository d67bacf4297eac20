package org.threatledger.stix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.threatledger.stix.StixType.Kind;
import org.threatledger.stix.StixType.Targets;
import org.threatledger.stix.StixType.Value;

/** Reads like the spec's property tables; builds one immutable {@link StixType}. */
final class TypeBuilder {
    private final String name;
    private final Kind kind;
    private final Set<String> required = new LinkedHashSet<>();
    private final List<Set<String>> requiredOneOf = new ArrayList<>();
    private final Map<String, Value> properties = new LinkedHashMap<>();
    private final Map<String, Targets> references = new LinkedHashMap<>();
    private final Map<String, Set<String>> vocabularies = new LinkedHashMap<>();
    private final Map<String, Set<String>> relationships = new LinkedHashMap<>();

    private TypeBuilder(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    static TypeBuilder of(String name, Kind kind) {
        return new TypeBuilder(name, kind);
    }

    TypeBuilder required(String... names) {
        required.addAll(List.of(names));
        return this;
    }

    TypeBuilder oneOf(String... names) {
        requiredOneOf.add(Set.of(names));
        return this;
    }

    TypeBuilder props(Value value, String... names) {
        for (String n : names) {
            properties.put(n, value);
        }
        return this;
    }

    TypeBuilder text(String... names) {
        return props(Value.STRING, names);
    }

    TypeBuilder texts(String... names) {
        return props(Value.STRING_LIST, names);
    }

    TypeBuilder times(String... names) {
        return props(Value.TIMESTAMP, names);
    }

    TypeBuilder ints(String... names) {
        return props(Value.INTEGER, names);
    }

    TypeBuilder flags(String... names) {
        return props(Value.BOOLEAN, names);
    }

    /** A reference property: {@code _ref} holds one id, {@code _refs} a list of them. */
    TypeBuilder ref(String property, Targets targets) {
        properties.put(property, property.endsWith("_refs") ? Value.IDENTIFIER_LIST : Value.IDENTIFIER);
        references.put(property, targets);
        return this;
    }

    TypeBuilder ref(String property, String... types) {
        return ref(property, Targets.of(types));
    }

    /** An open-vocabulary property (a string, or a list of strings when its name ends in s). */
    TypeBuilder vocab(String property, Value value, Set<String> values) {
        properties.put(property, value);
        vocabularies.put(property, values);
        return this;
    }

    TypeBuilder rel(String relationshipType, String... targets) {
        relationships.put(relationshipType, Set.of(targets));
        return this;
    }

    StixType build() {
        return new StixType(name, kind, java.util.Collections.unmodifiableSet(new LinkedHashSet<>(required)), List.copyOf(requiredOneOf),
                copy(properties), copy(references), copy(vocabularies), copy(relationships));
    }

    private static <V> Map<String, V> copy(Map<String, V> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
