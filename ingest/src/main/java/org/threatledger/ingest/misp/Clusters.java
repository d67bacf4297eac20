package org.threatledger.ingest.misp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;

/**
 * One MISP galaxy cluster value to STIX, the same way for a galaxy file and for the galaxies an
 * event carries, so both meet on one id: {@code Ids.derived(stixType, "misp-galaxy", valueUuid)}.
 * Actor galaxies give an intrusion-set with its origin country, its targeted sectors and victim
 * countries as relationships; malware/tool/attack-pattern galaxies the object of that type with
 * its ATT&CK id; sector, country and region galaxies the shared sector identity or location.
 * The caller chooses the {@code created}/{@code modified} instant (see the importers).
 */
final class Clusters {
    /** A value such as {@code APT1 - G0006} or {@code Spearphishing Attachment - T1566.001}. */
    private static final Pattern ATTACK_SUFFIX = Pattern.compile("^(.*\\S)\\s+-\\s+((?:TA|[GSTMC])\\d{4}(?:\\.\\d{3})?)$");
    private static final Pattern ATTACK_ID = Pattern.compile("(?:TA|[GSTMC])\\d{4}(?:\\.\\d{3})?");
    private static final Pattern GROUP_ID = Pattern.compile("G\\d{4}");

    private static final Map<String, String> STIX_TYPES = Map.ofEntries(
            Map.entry("threat-actor", "intrusion-set"), Map.entry("mitre-intrusion-set", "intrusion-set"),
            Map.entry("microsoft-activity-group", "intrusion-set"),
            Map.entry("mitre-enterprise-attack-intrusion-set", "intrusion-set"),
            Map.entry("mitre-malware", "malware"), Map.entry("malpedia", "malware"),
            Map.entry("mitre-enterprise-attack-malware", "malware"), Map.entry("banker", "malware"),
            Map.entry("ransomware", "malware"), Map.entry("rat", "malware"), Map.entry("stealer", "malware"),
            Map.entry("botnet", "malware"), Map.entry("backdoor", "malware"), Map.entry("android", "malware"),
            Map.entry("mitre-tool", "tool"), Map.entry("tool", "tool"), Map.entry("mitre-enterprise-attack-tool", "tool"),
            Map.entry("mitre-attack-pattern", "attack-pattern"),
            Map.entry("mitre-enterprise-attack-attack-pattern", "attack-pattern"),
            Map.entry("sector", "identity"), Map.entry("country", "location"), Map.entry("region", "location"));

    /** Where a cluster value's problems go: the field at fault and what is wrong. */
    interface Warnings {
        void warn(String field, String reason);
    }

    private Clusters() {}

    /** The STIX type a galaxy's values become, or null when the galaxy has no mapping. */
    static String stixType(String galaxyType) {
        return STIX_TYPES.get(galaxyType);
    }

    /** The id of a value: derived from its uuid, or the shared sector/country/region id. */
    static String id(String galaxyType, JsonNode value) {
        String stixType = STIX_TYPES.get(galaxyType);
        String name = value.path("value").asText();
        return switch (galaxyType) {
            case "sector" -> Sdo.sectorId(name);
            case "country" -> Sdo.countryId(iso(value));
            case "region" -> Ids.derived("location", "region", name);
            default -> value.path("uuid").asText("").isEmpty()
                    ? Ids.derived(stixType, "misp-galaxy-value", galaxyType, name)
                    : Ids.derived(stixType, "misp-galaxy", value.path("uuid").asText().toLowerCase(Locale.ROOT));
        };
    }

    /** The objects of one value, its own object first; empty when the galaxy has no mapping. */
    static List<StixObject> map(String galaxyType, JsonNode value, Instant at, Collection<String> markings, Warnings w) {
        String stixType = STIX_TYPES.get(galaxyType);
        if (stixType == null) {
            return List.of();
        }
        return switch (galaxyType) {
            case "sector" -> List.of(Sdo.sector(value.path("value").asText(), at, markings));
            case "country" -> country(value, at, markings, w);
            case "region" -> List.of(region(value, at, markings));
            default -> named(stixType, galaxyType, value, at, markings, w);
        };
    }

    private static List<StixObject> country(JsonNode value, Instant at, Collection<String> markings, Warnings w) {
        String iso = iso(value);
        if (!iso.matches("[A-Za-z]{2}")) {
            w.warn("meta.ISO", "country '" + value.path("value").asText("") + "' has no ISO 3166-1 alpha-2 code");
            return List.of();
        }
        return List.of(Sdo.country(iso, at, markings));
    }

    private static String iso(JsonNode value) {
        String iso = value.path("meta").path("ISO").asText("");
        return iso.isEmpty() ? Countries.code(value.path("value").asText()).orElse(value.path("value").asText()) : iso;
    }

    private static StixObject region(JsonNode value, Instant at, Collection<String> markings) {
        String name = value.path("value").asText();
        ObjectNode o = Sdo.base("location", id("region", value), at, at, markings);
        o.put("name", name);
        String label = name.contains(" - ") ? name.substring(name.indexOf(" - ") + 3) : name;
        o.put("region", label.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        return StixObject.of(o);
    }

    private static List<StixObject> named(String stixType, String galaxyType, JsonNode value, Instant at,
                                          Collection<String> markings, Warnings w) {
        String uuid = value.path("uuid").asText().toLowerCase(Locale.ROOT);
        String id = id(galaxyType, value);
        String name = value.path("value").asText();
        JsonNode meta = value.path("meta");
        List<String> externalIds = strings(meta.path("external_id"));
        String attackId = externalIds.stream().filter(x -> ATTACK_ID.matcher(x).matches()).findFirst().orElse(null);
        Matcher m = ATTACK_SUFFIX.matcher(name);
        if (galaxyType.startsWith("mitre-") && m.matches()) {
            name = m.group(1);
            attackId = m.group(2);
        }
        ObjectNode o = Sdo.base(stixType, id, at, at, markings);
        o.put("name", name);
        if (value.path("description").isTextual() && !value.path("description").asText().isBlank()) {
            o.put("description", value.path("description").asText());
        }
        if (stixType.equals("malware")) {
            o.put("is_family", true);
        }
        Set<String> aliases = aliases(name, meta.path("synonyms"), w);
        if (!aliases.isEmpty() && !stixType.equals("attack-pattern")) {
            aliases.forEach(o.putArray("aliases")::add);
        }
        references(o.putArray("external_references"), uuid, attackId, externalIds, aliases, meta.path("refs"));
        related(o, value.path("related"));
        List<StixObject> linked = new ArrayList<>();
        if (stixType.equals("intrusion-set")) {
            Actors.describe(o, meta, at, markings, linked, w);
        }
        List<StixObject> out = new ArrayList<>(linked.size() + 1);
        out.add(StixObject.of(o));
        out.addAll(linked);
        return out;
    }

    private static void references(ArrayNode refs, String uuid, String attackId, List<String> externalIds,
                                   Set<String> aliases, JsonNode urls) {
        if (!uuid.isEmpty()) {
            Sdo.externalId(refs, "misp-galaxy", uuid);
        }
        if (attackId != null) {
            Sdo.externalId(refs, "mitre-attack", attackId);
        }
        externalIds.stream().filter(x -> x.startsWith("CAPEC-")).forEach(x -> Sdo.externalId(refs, "capec", x));
        for (String alias : aliases) {
            if (GROUP_ID.matcher(alias).matches() && !alias.equals(attackId)) {
                Sdo.externalId(refs, "mitre-attack", alias);
            }
        }
        for (String url : strings(urls)) {
            Sdo.url(refs, url);
        }
    }

    private static Set<String> aliases(String name, JsonNode synonyms, Warnings w) {
        Set<String> out = new LinkedHashSet<>();
        if (synonyms.isMissingNode() || synonyms.isNull()) {
            return out;
        }
        if (!synonyms.isArray()) {
            w.warn("meta.synonyms", "expected a list of names, found " + synonyms.getNodeType() + " " + synonyms);
            return out;
        }
        for (JsonNode s : synonyms) {
            if (!s.isTextual()) {
                w.warn("meta.synonyms", "synonym " + s + " is not a string");
            } else if (!s.asText().isBlank() && !s.asText().trim().equals(name)) {
                out.add(s.asText().trim());
            }
        }
        return out;
    }

    private static void related(ObjectNode o, JsonNode related) {
        if (!related.isArray() || related.isEmpty()) {
            return;
        }
        ArrayNode out = o.putArray("x_threatledger_related");
        for (JsonNode r : related) {
            if (r.path("dest-uuid").isTextual()) {
                ObjectNode link = out.addObject();
                link.put("uuid", r.path("dest-uuid").asText());
                link.put("type", r.path("type").asText(""));
            }
        }
    }

    /** The strings of a JSON string or list of strings. */
    static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.add(node.asText());
        } else if (node.isArray()) {
            for (JsonNode n : node) {
                if (n.isTextual() && !n.asText().isBlank()) {
                    out.add(n.asText());
                }
            }
        }
        return out;
    }
}
