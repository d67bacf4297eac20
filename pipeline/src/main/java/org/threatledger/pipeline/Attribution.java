package org.threatledger.pipeline;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.threatledger.analysis.Actor;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.StixTypes;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/**
 * Which actors an indicator points at, resolved after a hit and cached: a STIX indicator through
 * its {@code indicates} relationships, a list entry through its list's actor name and aliases.
 * Every actor id found is widened to the unified actor's records.
 */
public final class Attribution {
    private final KnowledgeStore store;
    private final ActorDirectory directory;
    private final Map<String, List<String>> actorIds = new HashMap<>();
    private final Map<String, Optional<StixObject>> lists = new HashMap<>();

    public Attribution(KnowledgeStore store) {
        this.store = store;
        this.directory = ActorDirectory.load(store);
    }

    /**
     * The actor ids behind an indicator id. A list entry's derived id resolves through
     * {@code listId}; the answer is cached by indicator id, so a later call without the list id
     * (from the sighting aggregator) gets the same answer.
     */
    public List<String> actorsOf(String indicatorId, String listIdOrNull) {
        return actorIds.computeIfAbsent(indicatorId, id -> resolve(id, listIdOrNull));
    }

    /** The display name of an actor id. */
    public String nameOf(String actorId) {
        return directory.find(actorId).map(Actor::name).orElse(actorId);
    }

    public Optional<StixObject> list(String listId) {
        return lists.computeIfAbsent(listId, id -> store.get(id).map(StoredObject::object));
    }

    private List<String> resolve(String indicatorId, String listId) {
        Set<String> out = new LinkedHashSet<>();
        if (listId != null) {
            list(listId).ifPresent(list -> {
                List<String> names = new ArrayList<>(list.strings("x_threatledger_aliases"));
                list.text("x_threatledger_actor").ifPresent(names::add);
                for (String n : names) {
                    directory.find(n).ifPresent(a -> out.addAll(a.ids()));
                }
            });
        } else {
            for (StixObject rel : store.relationships(indicatorId)) {
                String target = rel.text("target_ref").orElse("");
                if ("indicates".equals(rel.text("relationship_type").orElse(""))
                        && indicatorId.equals(rel.text("source_ref").orElse(""))
                        && StixTypes.isActor(org.threatledger.stix.Ids.typeOf(target))) {
                    directory.find(target).ifPresentOrElse(a -> out.addAll(a.ids()), () -> out.add(target));
                }
            }
        }
        return List.copyOf(out);
    }
}
