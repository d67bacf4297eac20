package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * MISP objects (the {@code Object} array: templated groups of attributes). Each object attribute is
 * mapped like an event attribute, except in a {@code file} object: there the detection attributes
 * ({@code to_ids}) that describe the file itself (hashes, name, size) are one file, so they are
 * combined into one {@code indicator--<object uuid>} whose pattern ANDs them
 * ({@code [file:hashes.MD5 = '…' AND file:hashes.'SHA-256' = '…']}), as MISP's own STIX export does.
 * Its {@code external_references} name every attribute uuid it was made of, so the MISP to_ids count
 * equals the number of attribute uuids across indicators.
 */
final class MispObjects {
    private final EventScope scope;
    private final AttributeMapper attributes;

    MispObjects(EventScope scope, AttributeMapper attributes) {
        this.scope = scope;
        this.attributes = attributes;
    }

    void map(JsonNode object) {
        boolean file = object.path("name").asText("").equals("file");
        List<AttributeMapper.Attribute> combined = new ArrayList<>();
        List<Comparison> comparisons = new ArrayList<>();
        for (JsonNode a : object.path("Attribute")) {
            Optional<AttributeMapper.Attribute> checked = attributes.check(a, true);
            if (checked.isEmpty()) {
                continue;
            }
            AttributeMapper.Attribute attribute = checked.get();
            if (file && attribute.toIds()) {
                Optional<List<Comparison>> c = fileComparisons(attribute);
                if (c.isPresent()) {
                    combined.add(attribute);
                    comparisons.addAll(c.get());
                    continue;
                }
            }
            attributes.map(attribute);
        }
        if (!combined.isEmpty()) {
            String uuid = object.path("uuid").asText("").toLowerCase(Locale.ROOT);
            String id = uuid.isEmpty() ? "indicator--" + combined.get(0).uuid() : "indicator--" + uuid;
            attributes.indicator(id, "stix", AttributeTypes.pattern(comparisons), combined);
        }
    }

    /** The comparisons of a to_ids attribute when all are on the file; empty for others. */
    private Optional<List<Comparison>> fileComparisons(AttributeMapper.Attribute a) {
        try {
            Optional<List<Comparison>> c = AttributeTypes.comparisons(a.type(), a.value());
            return c.filter(list -> list.stream().allMatch(x -> x.objectType().equals("file")));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
