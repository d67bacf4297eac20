package org.threatledger.exports;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.threatledger.analysis.Actor;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;

/**
 * Which actor each indicator and list is attributed to, as far as the TLP limit lets it be said:
 * an {@code indicates} relationship counts only when the relationship and the actor object may be
 * written themselves (an attribution learnt under RED stays here). Lists are attributed by the
 * actor name or aliases they carry ({@code x_threatledger_actor}, {@code x_threatledger_aliases}).
 */
final class Attribution {
    private final ExportOptions options;
    private final ActorDirectory directory;
    private final Map<String, Actor> byIndicator = new HashMap<>();

    private Attribution(ExportOptions options, ActorDirectory directory) {
        this.options = options;
        this.directory = directory;
    }

    static Attribution load(KnowledgeStore store, ExportOptions options, ActorDirectory directory) {
        Attribution a = new Attribution(options, directory);
        Map<String, Actor> byMember = new HashMap<>();
        for (Actor actor : directory.actors()) {
            for (StoredObject m : actor.members()) {
                if (options.allows(m.tlp())) {
                    byMember.put(m.object().id(), actor);
                }
            }
        }
        store.forEachCurrent("relationship", s -> {
            StixObject rel = s.object();
            if (options.allows(s.tlp()) && "indicates".equals(rel.text("relationship_type").orElse(""))) {
                Actor actor = byMember.get(rel.text("target_ref").orElse(""));
                if (actor != null) {
                    a.byIndicator.putIfAbsent(rel.text("source_ref").orElse(""), actor);
                }
            }
        });
        return a;
    }

    /** The actor an indicator indicates, if that may be said. */
    Optional<Actor> ofIndicator(String indicatorId) {
        return Optional.ofNullable(byIndicator.get(indicatorId));
    }

    /** The actor a list is attributed to: a known actor's name, else the name the list gives, else empty. */
    Optional<String> ofList(StixObject list) {
        Set<String> names = new LinkedHashSet<>();
        list.text("x_threatledger_actor").ifPresent(names::add);
        names.addAll(list.strings("x_threatledger_aliases"));
        for (String n : names) {
            Optional<Actor> actor = directory.find(n);
            if (actor.isPresent()) {
                return name(actor.get());
            }
        }
        return list.text("x_threatledger_actor");
    }

    /** The actor's name from its first member that may be written, else empty. */
    Optional<String> name(Actor actor) {
        List<StoredObject> members = actor.members();
        return members.stream().filter(m -> options.allows(m.tlp())).findFirst()
                .map(m -> m.object().name().orElse(m.object().id()));
    }
}
