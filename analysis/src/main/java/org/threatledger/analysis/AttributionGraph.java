package org.threatledger.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.StixTypes;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/**
 * What is attributed to which actor, and where actors come from ({@link Origins}), read from the
 * current relationships. Attribution follows relationships towards the actor:
 * <ul>
 *   <li>the actor's own records, unified as {@link ActorDirectory} does (same id or uuid, ATT&amp;CK
 *       group id, {@code duplicate-of});</li>
 *   <li>{@code X attributed-to Y} with Y attributed: campaigns, and intrusion sets attributed to a
 *       threat actor;</li>
 *   <li>{@code Y uses X} with Y an attributed intrusion set, threat actor or campaign and X
 *       malware, a tool or infrastructure: the actor's software and infrastructure. Attack
 *       patterns are left out: a technique is shared by many actors and says nothing about who;</li>
 *   <li>{@code X indicates Y} with Y attributed: indicators of the actor, its campaigns, its
 *       software and infrastructure;</li>
 * </ul>
 * together with the relationships that say so. Only records and relationships {@code usable}
 * accepts take part, and attribution is carried on only through objects it accepts: for a partner,
 * an attribution we know only under a TLP it may not receive must not put an indicator into its
 * collection, since the membership would tell.
 *
 * <p>Cost: one pass over the current actor objects, locations and relationships; the edges of these
 * kinds are kept as ids; an object that carries attribution on (a campaign, a malware) is looked
 * up once. Built once and asked many times (e.g. per store revision).
 */
public final class AttributionGraph {
    private static final Set<String> ACTORS = Set.of("intrusion-set", "threat-actor", "campaign");
    private static final Set<String> ACTOR_ASSETS = Set.of("malware", "tool", "infrastructure");

    private final KnowledgeStore store;
    private final Predicate<StoredObject> usable;
    private final ActorDirectory directory;
    private final Map<String, Set<String>> countriesOfMember;
    /** {@code attributed-to} and {@code indicates}, by target; {@code uses}, by source. */
    private final Map<String, List<Edge>> towards;
    private final Map<String, List<Edge>> uses;
    private final Map<String, Boolean> carries = new HashMap<>();

    /** One relationship, as ids. */
    private record Edge(String id, String source, String target) {
    }

    private AttributionGraph(KnowledgeStore store, Predicate<StoredObject> usable, ActorDirectory directory,
                             Map<String, Set<String>> countriesOfMember, Map<String, List<Edge>> towards,
                             Map<String, List<Edge>> uses) {
        this.store = store;
        this.usable = usable;
        this.directory = directory;
        this.countriesOfMember = countriesOfMember;
        this.towards = towards;
        this.uses = uses;
    }

    /** Reads the graph from the store, keeping only what {@code usable} accepts. */
    public static AttributionGraph load(KnowledgeStore store, Predicate<StoredObject> usable) {
        List<StoredObject> actors = new ArrayList<>();
        for (String type : StixTypes.ACTOR_TYPES) {
            store.forEachCurrent(type, s -> {
                if (usable.test(s)) {
                    actors.add(s);
                }
            });
        }
        Map<String, String> countryOfLocation = new HashMap<>();
        store.forEachCurrent("location", s -> {
            if (usable.test(s)) {
                Origins.countryCode(s.object()).ifPresent(c -> countryOfLocation.put(s.object().id(), c));
            }
        });
        List<StixObject> duplicates = new ArrayList<>();
        Map<String, Set<String>> countries = new HashMap<>();
        Map<String, List<Edge>> towards = new HashMap<>();
        Map<String, List<Edge>> uses = new HashMap<>();
        store.forEachCurrent("relationship", s -> {
            if (!usable.test(s)) {
                return;
            }
            StixObject rel = s.object();
            Edge e = new Edge(rel.id(), rel.text("source_ref").orElse(""), rel.text("target_ref").orElse(""));
            switch (rel.text("relationship_type").orElse("")) {
                case "duplicate-of" -> duplicates.add(rel);
                case "attributed-to", "indicates" -> towards.computeIfAbsent(e.target(), k -> new ArrayList<>()).add(e);
                case "uses" -> uses.computeIfAbsent(e.source(), k -> new ArrayList<>()).add(e);
                case Origins.RELATIONSHIP -> {
                    String code = countryOfLocation.get(e.target());
                    if (code != null) {
                        countries.computeIfAbsent(e.source(), k -> new LinkedHashSet<>()).add(code);
                    }
                }
                default -> { }
            }
        });
        return new AttributionGraph(store, usable, ActorDirectory.of(actors, duplicates), countries, towards, uses);
    }

    /** The actors, unified from the usable records. */
    public ActorDirectory directory() {
        return directory;
    }

    /** The ISO codes of the countries an actor comes from (any of its records). */
    public Set<String> countries(Actor actor) {
        Set<String> out = new LinkedHashSet<>();
        for (String id : actor.ids()) {
            out.addAll(countriesOfMember.getOrDefault(id, Set.of()));
        }
        return out;
    }

    /** The ids attributed to actors from this country (ISO code, any case), relationships that say so included. */
    public Set<String> attributedToCountry(String country) {
        String code = country.toUpperCase(java.util.Locale.ROOT);
        return attributedTo(directory.actors().stream().filter(a -> countries(a).contains(code)).toList());
    }

    /** The ids attributed to these actors: their records, what is attributed to them, and the relationships that say so. */
    public Set<String> attributedTo(Collection<Actor> actors) {
        Set<String> out = new HashSet<>();
        Deque<String> queue = new ArrayDeque<>();
        for (Actor a : actors) {
            for (String id : a.ids()) {
                if (out.add(id)) {
                    queue.add(id);
                }
            }
        }
        while (!queue.isEmpty()) {
            String id = queue.poll();
            for (Edge e : towards.getOrDefault(id, List.of())) {
                reach(e, e.source(), out, queue);
            }
            if (ACTORS.contains(Ids.typeOf(id))) {
                for (Edge e : uses.getOrDefault(id, List.of())) {
                    if (ACTOR_ASSETS.contains(Ids.typeOf(e.target()))) {
                        reach(e, e.target(), out, queue);
                    }
                }
            }
        }
        return out;
    }

    /** Adds the relationship and the object it attributes; carries on from the object when it may carry attribution. */
    private void reach(Edge e, String object, Set<String> out, Deque<String> queue) {
        out.add(e.id());
        if (out.add(object) && !Ids.typeOf(object).equals("indicator") && carries(object)) {
            queue.add(object);
        }
    }

    private boolean carries(String id) {
        return carries.computeIfAbsent(id, k -> store.get(k).filter(s -> !s.object().revoked() && usable.test(s)).isPresent());
    }
}
