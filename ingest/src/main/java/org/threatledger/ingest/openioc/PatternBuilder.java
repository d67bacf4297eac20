package org.threatledger.ingest.openioc;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.threatledger.ingest.openioc.IocDocument.Branch;
import org.threatledger.ingest.openioc.IocDocument.Item;
import org.threatledger.ingest.openioc.IocDocument.Term;

/**
 * An OpenIOC definition tree as one STIX pattern with the same logic (STIX 2.1 §9.5).
 *
 * <p>Items on one object type joined by an Indicator's AND/OR stay comparisons inside one
 * observation ({@code [file:name = 'a' AND file:size = 1]}: the same file). When an Indicator's
 * children are on different object types, the comparisons are grouped by type, one observation
 * per type, and the observations joined by the same operator
 * ({@code [network-traffic:dst_ref.value = 'x' AND network-traffic:dst_port = 1] AND [domain-name:...]}),
 * since comparisons on different objects inside one bracket would have to hold for a single object. Unmappable items are dropped with a warning;
 * an Indicator left with nothing is dropped too (also with a warning).
 */
final class PatternBuilder {
    /** Where the builder reports a dropped item or branch. */
    interface Warnings {
        void warn(String field, String reason);
    }

    /** A part of the pattern: comparisons on {@code objectType}, or an observation expression (objectType null). */
    private record Part(String objectType, String text, String op) {
        boolean observation() {
            return objectType == null;
        }

        Part asObservation() {
            return observation() ? this : new Part(null, "[" + text + "]", null);
        }

        String inside(String parentOp) {
            return op == null || op.equals(parentOp) ? text : "(" + text + ")";
        }
    }

    private final Warnings warnings;

    PatternBuilder(Warnings warnings) {
        this.warnings = warnings;
    }

    /** The pattern, or null when nothing in the definition maps to STIX. */
    String build(Branch definition) {
        Part p = term(definition);
        if (p == null) {
            return null;
        }
        return p.observation() ? p.text() : "[" + p.text() + "]";
    }

    private Part term(Term t) {
        return switch (t) {
            case Item item -> item(item);
            case Branch branch -> branch(branch);
        };
    }

    private Part item(Item item) {
        try {
            ItemMapping.Comparison c = ItemMapping.map(item);
            return new Part(c.objectType(), c.text(), c.op());
        } catch (ItemMapping.Unmappable e) {
            warnings.warn(item.search(), "IndicatorItem " + item.id() + " (" + item.search() + " "
                    + item.condition() + " '" + item.content().strip() + "'): " + e.getMessage() + "; comparison dropped");
            return null;
        }
    }

    private Part branch(Branch branch) {
        String op = branch.operator().equalsIgnoreCase("OR") ? "OR" : "AND";
        List<Part> parts = new ArrayList<>();
        for (Term child : branch.children()) {
            Part p = term(child);
            if (p != null) {
                parts.add(p);
            }
        }
        if (parts.isEmpty()) {
            warnings.warn(null, "Indicator " + branch.id() + " (" + op + "): none of its items maps to STIX; branch dropped");
            return null;
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Part> groups = byObjectType(parts, op);
        if (groups.size() == 1) {
            return groups.get(0);
        }
        StringBuilder sb = new StringBuilder();
        for (Part g : groups) {
            sb.append(sb.isEmpty() ? "" : " " + op + " ").append(g.asObservation().inside(op));
        }
        return new Part(null, sb.toString(), op);
    }

    /**
     * Joins the comparison parts on each object type into one part (in order of first appearance),
     * so items on the same object stay in one observation: {@code [ip AND port] AND [domain]}.
     * Observation parts are kept as they are.
     */
    private static List<Part> byObjectType(List<Part> parts, String op) {
        Map<String, List<Part>> sameType = new LinkedHashMap<>();
        List<Part> result = new ArrayList<>();
        for (Part p : parts) {
            if (p.observation()) {
                result.add(p);
            } else {
                List<Part> group = sameType.get(p.objectType());
                if (group == null) {
                    group = new ArrayList<>();
                    sameType.put(p.objectType(), group);
                    result.add(new Part(p.objectType(), null, null));
                }
                group.add(p);
            }
        }
        List<Part> joined = new ArrayList<>(result.size());
        for (Part r : result) {
            if (r.text() != null) {
                joined.add(r);
                continue;
            }
            List<Part> group = sameType.get(r.objectType());
            if (group.size() == 1) {
                joined.add(group.get(0));
                continue;
            }
            StringBuilder sb = new StringBuilder();
            for (Part p : group) {
                sb.append(sb.isEmpty() ? "" : " " + op + " ").append(p.inside(op));
            }
            joined.add(new Part(r.objectType(), sb.toString(), op));
        }
        return joined;
    }
}
