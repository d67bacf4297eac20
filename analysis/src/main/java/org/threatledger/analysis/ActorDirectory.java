package org.threatledger.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import com.fasterxml.jackson.databind.JsonNode;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.StixTypes;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/**
 * All actors of the knowledge base, unified on strong evidence only (DESIGN.md "Aliases"):
 * two actor objects are one actor when they share the same STIX id or uuid (a MISP galaxy cluster
 * uuid equal to an ATT&CK id's uuid), an ATT&CK group id such as {@code G0006}, or when a current
 * {@code duplicate-of} relationship joins them (STIX 2.1 §5.2; this is how an analyst confirms a
 * link, and revoking the relationship undoes it). Shared names alone only make a
 * {@linkplain #candidates candidate}.
 *
 * <p>The unification is computed, never written into the objects: it is explainable (each merge
 * keeps its key) and reversible (remove the evidence and the next load splits them).
 */
public final class ActorDirectory {
    private static final Pattern ATTACK_GROUP = Pattern.compile("G\\d{4}");
    private static final Set<String> ATTACK_SOURCES = Set.of("mitre-attack", "mitre-ics-attack", "mitre-mobile-attack");
    private static final Set<String> UUID_SOURCES = Set.of("misp-galaxy", "misp");

    private final List<Actor> actors;
    private final Map<String, Actor> byKey = new HashMap<>();

    private ActorDirectory(List<Actor> actors) {
        this.actors = actors;
        // A name several actors share goes to the best-attested one: ATT&CK first, then the most records.
        List<Actor> byWeight = new ArrayList<>(actors);
        byWeight.sort(Comparator.comparing((Actor a) -> !isAttack(a.primary())).thenComparing(a -> -a.members().size()));
        for (Actor a : byWeight) {
            for (StoredObject m : a.members()) {
                byKey.putIfAbsent(m.object().id().toLowerCase(Locale.ROOT), a);
                for (String n : Actor.names(m.object())) {
                    byKey.putIfAbsent(n.toLowerCase(Locale.ROOT), a);
                }
                for (String e : m.object().externalIds()) {
                    byKey.putIfAbsent(e.toLowerCase(Locale.ROOT), a);
                }
            }
        }
    }

    /** Reads every current actor object and {@code duplicate-of} relationship, and unifies them. */
    public static ActorDirectory load(KnowledgeStore store) {
        List<StoredObject> objects = new ArrayList<>();
        for (String type : StixTypes.ACTOR_TYPES) {
            store.forEachCurrent(type, objects::add);
        }
        List<StixObject> duplicates = new ArrayList<>();
        store.forEachCurrent("relationship", s -> {
            if ("duplicate-of".equals(s.object().text("relationship_type").orElse(""))) {
                duplicates.add(s.object());
            }
        });
        return of(objects, duplicates);
    }

    /** Unifies the given actor objects; {@code duplicateOf} are relationships saying two are the same. */
    public static ActorDirectory of(List<StoredObject> objects, List<StixObject> duplicateOf) {
        UnionFind uf = new UnionFind(objects.size());
        Map<String, Integer> firstWithKey = new HashMap<>();
        List<Actor.Link> links = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            StixObject o = objects.get(i).object();
            for (String key : strongKeys(o)) {
                Integer j = firstWithKey.putIfAbsent(key, i);
                if (j != null && uf.union(j, i)) {
                    links.add(new Actor.Link(objects.get(j).object().id(), o.id(), key));
                }
            }
        }
        for (StixObject rel : duplicateOf) {
            Integer a = firstWithKey.get(uuidKey(rel.text("source_ref").orElse("")));
            Integer b = firstWithKey.get(uuidKey(rel.text("target_ref").orElse("")));
            if (a != null && b != null && uf.union(a, b)) {
                links.add(new Actor.Link(objects.get(a).object().id(), objects.get(b).object().id(), "duplicate-of " + rel.id()));
            }
        }
        Map<Integer, List<StoredObject>> groups = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            groups.computeIfAbsent(uf.find(i), k -> new ArrayList<>()).add(objects.get(i));
        }
        List<Actor> actors = new ArrayList<>();
        for (List<StoredObject> members : groups.values()) {
            members.sort(PRIMARY_FIRST);
            Set<String> ids = new LinkedHashSet<>();
            members.forEach(m -> ids.add(m.object().id()));
            List<Actor.Link> mine = links.stream().filter(l -> ids.contains(l.b())).toList();
            actors.add(new Actor(List.copyOf(members), mine));
        }
        actors.sort(Comparator.comparing(a -> a.name().toLowerCase(Locale.ROOT)));
        return new ActorDirectory(List.copyOf(actors));
    }

    /** ATT&CK objects first, then the richest in names, then by id for a stable order. */
    private static final Comparator<StoredObject> PRIMARY_FIRST = Comparator
            .comparing((StoredObject s) -> !isAttack(s.object()))
            .thenComparing(s -> -Actor.names(s.object()).size())
            .thenComparing(s -> s.object().id());

    /** An ATT&CK record itself (not another source citing an ATT&CK id). */
    private static boolean isAttack(StixObject o) {
        return o.has("x_mitre_version") || o.has("x_mitre_domains");
    }

    private static String uuidKey(String id) {
        int sep = id.indexOf("--");
        return "uuid:" + id.substring(sep < 0 ? 0 : sep + 2).toLowerCase(Locale.ROOT);
    }

    /** The keys that, shared, mean "same actor". */
    static Set<String> strongKeys(StixObject o) {
        Set<String> keys = new LinkedHashSet<>();
        keys.add(uuidKey(o.id()));
        JsonNode refs = o.get("external_references");
        if (refs != null) {
            for (JsonNode r : refs) {
                String source = r.path("source_name").asText();
                String eid = r.path("external_id").asText();
                if (eid.isEmpty()) {
                    continue;
                }
                if (ATTACK_SOURCES.contains(source) && ATTACK_GROUP.matcher(eid).matches()) {
                    keys.add("attack:" + eid);
                } else if (UUID_SOURCES.contains(source)) {
                    keys.add("uuid:" + eid.toLowerCase(Locale.ROOT));
                }
            }
        }
        return keys;
    }

    public List<Actor> actors() {
        return actors;
    }

    /** The actor with this id, name, alias or external id (case-insensitive). */
    public Optional<Actor> find(String query) {
        return Optional.ofNullable(byKey.get(query.trim().toLowerCase(Locale.ROOT)));
    }

    /** Other actors that share a name or alias with this one (spacing and case ignored): candidates only. */
    public List<Actor> candidates(Actor actor) {
        Set<String> mine = new LinkedHashSet<>();
        actor.namesWithSources().keySet().forEach(n -> mine.add(loose(n)));
        List<Actor> out = new ArrayList<>();
        for (Actor other : actors) {
            if (other == actor) {
                continue;
            }
            for (String n : other.namesWithSources().keySet()) {
                if (mine.contains(loose(n))) {
                    out.add(other);
                    break;
                }
            }
        }
        return out;
    }

    /** Names compared loosely for candidates: "APT 29", "apt-29" and "APT29" are one. */
    public static String loose(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]", "");
    }

    private static final class UnionFind {
        private final int[] parent;

        UnionFind(int n) {
            parent = new int[n];
            for (int i = 0; i < n; i++) {
                parent[i] = i;
            }
        }

        int find(int i) {
            while (parent[i] != i) {
                parent[i] = parent[parent[i]];
                i = parent[i];
            }
            return i;
        }

        boolean union(int a, int b) {
            int ra = find(a);
            int rb = find(b);
            if (ra == rb) {
                return false;
            }
            parent[rb] = ra;
            return true;
        }
    }
}
