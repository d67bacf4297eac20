package org.threatledger.exports;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.threatledger.analysis.Actor;
import org.threatledger.analysis.ActorProfile;
import org.threatledger.stix.IocEntry;
import org.threatledger.stix.IocIndicators;
import org.threatledger.stix.StixObject;
import org.threatledger.store.StoredObject;

/**
 * Selects the atomic values of an export: current STIX indicators (through {@link PatternValues})
 * and list entries. A value both carry is kept from each (its sources differ); formats that need
 * sets de-duplicate. Sorted by kind, value, port and indicator id, so an export of the same
 * knowledge is byte-for-byte the same.
 *
 * <p>Filters, each counted in the summary when it drops something: the actor (indicators that
 * {@code indicates} one of its members, lists attributed to it by name; what belongs to other
 * actors is not counted as skipped, it was never asked for), TLP (of the indicator; of the list for
 * its entries), confidence ({@code --min-confidence}: below it, or none given, is dropped; list
 * entries never carry one).
 */
final class ValueSelection {
    private final ExportContext context;
    private final ExportOptions options;
    private final Attribution attribution;
    private final List<ExportValue> out = new ArrayList<>();

    ValueSelection(ExportContext context) {
        this.context = context;
        this.options = context.options();
        this.attribution = Attribution.load(context.store(), options, context.directory());
    }

    List<ExportValue> values() {
        Optional<Actor> actor = context.actor();
        List<StoredObject> indicators = new ArrayList<>();
        context.store().forEachCurrent("indicator", indicators::add);
        for (StoredObject s : indicators) {
            if (actor.isEmpty() || attribution.ofIndicator(s.object().id()).filter(a -> a == actor.get()).isPresent()) {
                indicator(s);
            }
        }
        Set<String> actorLists = actor.map(a -> new HashSet<>(ActorProfile.of(a, context.directory(), context.store()).lists()))
                .orElse(null);
        Map<String, StoredObject> lists = new HashMap<>();
        context.store().forEachCurrent(ObjectSelection.LIST_TYPE, s -> {
            if (actorLists == null || actorLists.contains(s.object().id())) {
                lists.put(s.object().id(), s);
            }
        });
        Map<String, String> listActors = new HashMap<>();
        lists.forEach((id, s) -> attribution.ofList(s.object()).ifPresent(n -> listActors.put(id, n)));
        context.store().forEachEntry(e -> {
            StoredObject list = lists.get(e.listId());
            if (list != null) {
                entry(list, e, listActors.get(e.listId()));
            }
        });
        out.sort(Comparator.comparing(ExportValue::kind).thenComparing(ExportValue::value)
                .thenComparingInt(ExportValue::port).thenComparing(ExportValue::indicatorId));
        return List.copyOf(out);
    }

    private void indicator(StoredObject s) {
        StixObject o = s.object();
        if (!context.admit(s)) {
            return;
        }
        JsonNode confidence = o.get("confidence");
        Integer c = confidence != null && confidence.canConvertToInt() ? confidence.asInt() : null;
        if (!confident(c)) {
            return;
        }
        String type = o.text("pattern_type").orElse("stix");
        if (!type.equals("stix")) {
            context.summary().skip("pattern type " + type + " is no atomic value");
            return;
        }
        PatternValues.Result r = PatternValues.of(o.text("pattern").orElse(""));
        if (r.skipReason() != null) {
            context.summary().skip(r.skipReason());
            return;
        }
        String actor = attribution.ofIndicator(o.id()).flatMap(attribution::name).orElse(null);
        String comment = o.text("description").or(o::name).orElse(null);
        String modified = o.text("modified").orElse(o.text("created").orElse(""));
        for (PatternValues.Atom a : r.atoms()) {
            out.add(new ExportValue(a.kind(), a.value(), a.port(), a.subdomains(), s.tlp(), c, actor,
                    s.provenance().source(), comment, reference(o), o.id(), modified));
        }
    }

    private void entry(StoredObject list, IocEntry e, String actor) {
        if (!context.admit(list)) {
            return;
        }
        if (!confident(null)) {
            context.summary().note("list entries carry no confidence: --min-confidence above 0 leaves them all out");
            return;
        }
        StixObject l = list.object();
        String id = IocIndicators.indicator(l, e).id();
        String modified = l.text("modified").orElse(l.text("created").orElse(""));
        String reference = e.reference() != null ? e.reference() : reference(l);
        out.add(new ExportValue(ValueKind.of(e.type()), e.value(), e.port(), e.subdomains(), list.tlp(), null,
                actor, list.provenance().source(), e.comment(), reference, id, modified));
    }

    /** Applies {@code --min-confidence}; counts the skip. */
    private boolean confident(Integer confidence) {
        int min = options.minConfidence();
        if (min == 0) {
            return true;
        }
        if (confidence == null) {
            context.summary().skip("no confidence given (--min-confidence " + min + ")");
            return false;
        }
        if (confidence < min) {
            context.summary().skip("confidence below " + min);
            return false;
        }
        return true;
    }

    /** The first URL among the object's external references. */
    private static String reference(StixObject o) {
        JsonNode refs = o.get("external_references");
        if (refs != null) {
            for (JsonNode r : refs) {
                if (r.hasNonNull("url")) {
                    return r.get("url").asText();
                }
            }
        }
        return null;
    }
}
