package org.threatledger.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/**
 * What an analyst wants to know first about an actor: its names and who uses them, origin, the
 * techniques and software it uses, its campaigns, whom it targets, and how many indicators point
 * at it. Built from the actor's relationships; revoked and deprecated objects are left out.
 *
 * @param actor            the unified actor
 * @param countries        origin countries ({@link Origins}) and stated sponsors
 * @param techniques       ATT&CK id (or name) -> technique name
 * @param software         ATT&CK id (or name) -> software name and type
 * @param campaigns        campaign names
 * @param sectors          targeted sectors
 * @param victims          targeted countries and organisations
 * @param indicatorsByType indicator counts by observable type, from STIX indicators and
 *                         attributed lists
 * @param lists            ids of indicator lists attributed to the actor by name
 * @param candidates       other actors sharing a name (not merged)
 */
public record ActorProfile(
        Actor actor,
        Set<String> countries,
        Map<String, String> techniques,
        Map<String, String> software,
        Set<String> campaigns,
        Set<String> sectors,
        Set<String> victims,
        Map<String, Long> indicatorsByType,
        List<String> lists,
        List<Actor> candidates) {

    /** The profile as JSON-ready maps and lists: the shape of {@code show --json} and {@code GET /api/actors/{query}}. */
    public Map<String, Object> toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", actor.name());
        m.put("ids", actor.ids());
        m.put("names", actor.namesWithSources());
        m.put("external_ids", actor.externalIds());
        m.put("merged_on", actor.links().stream().map(l -> Map.of("a", l.a(), "b", l.b(), "key", l.key())).toList());
        m.put("countries", countries);
        m.put("techniques", techniques);
        m.put("software", software);
        m.put("campaigns", campaigns);
        m.put("sectors", sectors);
        m.put("victims", victims);
        m.put("indicators", indicatorsByType);
        m.put("lists", lists);
        m.put("candidates", candidates.stream().map(c -> Map.of("name", c.name(), "ids", c.ids())).toList());
        return m;
    }

    /** Builds the profile of an actor from the store. */
    public static ActorProfile of(Actor actor, ActorDirectory directory, KnowledgeStore store) {
        Builder b = new Builder(store);
        for (StoredObject m : actor.members()) {
            m.object().text("x_threatledger_state_sponsor").ifPresent(b.countries::add);
            for (StixObject rel : store.relationships(m.object().id())) {
                b.relationship(m.object().id(), rel);
            }
        }
        Set<String> looseNames = new LinkedHashSet<>();
        actor.namesWithSources().keySet().forEach(n -> looseNames.add(ActorDirectory.loose(n)));
        List<String> lists = new ArrayList<>();
        store.forEachCurrent("x-threatledger-ioc-list", s -> {
            List<String> listNames = new ArrayList<>(s.object().strings("x_threatledger_aliases"));
            s.object().text("x_threatledger_actor").ifPresent(listNames::add);
            if (listNames.stream().anyMatch(n -> looseNames.contains(ActorDirectory.loose(n)))) {
                lists.add(s.object().id());
            }
        });
        for (String listId : lists) {
            for (IocEntry e : store.entries(listId)) {
                b.indicators.merge(e.type().label(), 1L, Long::sum);
            }
        }
        return new ActorProfile(actor, b.countries, b.techniques, b.software, b.campaigns, b.sectors,
                b.victims, b.indicators, lists, directory.candidates(actor));
    }

    /** Collects the far ends of an actor's relationships. */
    private static final class Builder {
        private final KnowledgeStore store;
        final Set<String> countries = new LinkedHashSet<>();
        final Map<String, String> techniques = new TreeMap<>();
        final Map<String, String> software = new TreeMap<>();
        final Set<String> campaigns = new LinkedHashSet<>();
        final Set<String> sectors = new LinkedHashSet<>();
        final Set<String> victims = new LinkedHashSet<>();
        final Map<String, Long> indicators = new TreeMap<>();
        private final Map<String, Optional<StixObject>> seen = new LinkedHashMap<>();

        Builder(KnowledgeStore store) {
            this.store = store;
        }

        void relationship(String self, StixObject rel) {
            if (!rel.type().equals("relationship")) {
                return;
            }
            String type = rel.text("relationship_type").orElse("");
            String source = rel.text("source_ref").orElse("");
            String target = rel.text("target_ref").orElse("");
            boolean outgoing = source.equals(self);
            Optional<StixObject> other = current(outgoing ? target : source);
            if (other.isEmpty()) {
                return;
            }
            StixObject o = other.get();
            String name = o.name().orElse(o.id());
            switch (type + (outgoing ? ">" : "<") + o.type()) {
                case "uses>attack-pattern" -> techniques.put(attackId(o).orElse(name), name);
                case "uses>malware", "uses>tool" -> software.put(attackId(o).orElse(name), name + " (" + o.type() + ")");
                case "attributed-to<campaign" -> campaigns.add(name);
                case Origins.RELATIONSHIP + ">location" -> countries.add(Origins.place(o));
                case "targets>identity" -> (o.text("identity_class").orElse("").equals("class") ? sectors : victims).add(name);
                case "targets>location" -> victims.add(Origins.place(o));
                case "indicates<indicator" -> indicators.merge(IndicatorKinds.of(o), 1L, Long::sum);
                default -> { }
            }
        }

        private Optional<StixObject> current(String id) {
            return seen.computeIfAbsent(id, k -> store.get(k)
                    .map(StoredObject::object)
                    .filter(o -> !o.revoked() && !o.deprecated()));
        }

        private static Optional<String> attackId(StixObject o) {
            return o.externalIds().stream().filter(e -> e.matches("[TS]\\d{4}(\\.\\d{3})?")).findFirst();
        }
    }
}
