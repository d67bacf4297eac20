package org.threatledger.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.threatledger.stix.StixObject;
import org.threatledger.store.StoredObject;

/**
 * One actor as the analyst sees it: the intrusion sets and threat actors that strong evidence
 * says are the same group, with the evidence for each merge.
 *
 * @param members the objects, primary first (the ATT&CK object when there is one)
 * @param links   why each member beyond the first belongs here
 */
public record Actor(List<StoredObject> members, List<Link> links) {

    /** A merge and its evidence: {@code a} and {@code b} share the strong key {@code key}. */
    public record Link(String a, String b, String key) { }

    public StixObject primary() {
        return members.get(0).object();
    }

    public String name() {
        return primary().name().orElse(primary().id());
    }

    public Set<String> ids() {
        Set<String> ids = new LinkedHashSet<>();
        for (StoredObject m : members) {
            ids.add(m.object().id());
        }
        return ids;
    }

    /** Every name and alias, each with the sources that use it, primary name first. */
    public Map<String, Set<String>> namesWithSources() {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        Map<String, String> canonical = new LinkedHashMap<>();
        for (StoredObject m : members) {
            String source = m.provenance().source();
            for (String n : names(m.object())) {
                String key = n.toLowerCase(java.util.Locale.ROOT);
                String shown = canonical.computeIfAbsent(key, k -> n);
                out.computeIfAbsent(shown, k -> new LinkedHashSet<>()).add(source);
            }
        }
        return out;
    }

    /** External ids of all members ({@code G0006}, MISP uuids). */
    public List<String> externalIds() {
        List<String> out = new ArrayList<>();
        for (StoredObject m : members) {
            for (String e : m.object().externalIds()) {
                if (!out.contains(e)) {
                    out.add(e);
                }
            }
        }
        return out;
    }

    static List<String> names(StixObject o) {
        List<String> names = new ArrayList<>();
        o.name().ifPresent(names::add);
        names.addAll(o.strings("aliases"));
        names.addAll(o.strings("x_mitre_aliases"));
        return names;
    }
}
