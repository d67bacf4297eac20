package org.threatledger.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.threatledger.analysis.Actor;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.analysis.ActorProfile;
import org.threatledger.stix.StixObject;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.StoredObject;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code show QUERY}: an actor's profile, or any object by id, name, alias or external id. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Show an actor's profile, or any object by id, name, alias or external id.",
            "A profile lists names and their sources, country, techniques, software, campaigns, targeted sectors,",
            "indicator counts and candidate links. Queries: G0006, T1566.001, S0001, 'Comment Crew', an id."})
final class ShowCommand implements Callable<Integer> {
    @ParentCommand
    Main root;

    @Spec
    CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "QUERY")
    List<String> words;

    @Override
    public Integer call() {
        String query = String.join(" ", words);
        PrintWriter out = spec.commandLine().getOut();
        try (KnowledgeStore store = Env.open(root)) {
            ActorDirectory directory = ActorDirectory.load(store);
            Optional<Actor> actor = directory.find(query);
            if (actor.isPresent()) {
                ActorProfile profile = ActorProfile.of(actor.get(), directory, store);
                if (root.json) {
                    Json.print(out, toJson(profile));
                } else {
                    printProfile(out, profile);
                }
                return Main.OK;
            }
            List<StixObject> found = store.lookup(query);
            if (found.isEmpty()) {
                throw new Main.UserError("nothing is known as '" + query + "' (try: search " + query + ")", Main.FAILURE);
            }
            if (root.json) {
                Json.print(out, found.stream().map(StixObject::json).toList());
            } else {
                for (StixObject o : found) {
                    printObject(out, o, store);
                }
            }
            return Main.OK;
        }
    }

    static Map<String, Object> toJson(ActorProfile p) {
        return p.toJson();
    }

    private static void printProfile(PrintWriter out, ActorProfile p) {
        Actor a = p.actor();
        out.println(a.name() + "  (" + String.join(", ", a.externalIds().stream().filter(e -> e.length() < 12).toList()) + ")");
        out.println("names:");
        a.namesWithSources().forEach((name, sources) -> out.println("  " + name + "  [" + String.join(", ", sources) + "]"));
        if (!a.links().isEmpty()) {
            out.println("unified from " + a.members().size() + " records:");
            for (StoredObject m : a.members()) {
                out.println("  " + m.object().id() + "  " + m.object().name().orElse("") + "  [" + m.provenance().source() + "]");
            }
            a.links().forEach(l -> out.println("  same actor: " + l.b() + " = " + l.a() + " (shared " + l.key() + ")"));
        }
        line(out, "country", p.countries());
        out.println("techniques (" + p.techniques().size() + "):");
        wrap(out, p.techniques().entrySet().stream().map(e -> e.getKey().equals(e.getValue()) ? e.getKey() : e.getKey() + " " + e.getValue()).toList());
        out.println("software (" + p.software().size() + "):");
        wrap(out, p.software().entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
        line(out, "campaigns", p.campaigns());
        line(out, "targeted sectors", p.sectors());
        line(out, "victims", p.victims());
        long total = p.indicatorsByType().values().stream().mapToLong(Long::longValue).sum();
        out.println("indicators: " + total + (total == 0 ? "" : "  " + p.indicatorsByType()));
        if (!p.candidates().isEmpty()) {
            out.println("candidate links (shared names only, not merged):");
            for (Actor c : p.candidates()) {
                out.println("  " + c.name() + "  " + c.ids() + "  [" + String.join(", ",
                        c.members().stream().map(m -> m.provenance().source()).distinct().toList()) + "]");
            }
        }
    }

    private static void line(PrintWriter out, String label, Set<String> values) {
        out.println(label + ": " + (values.isEmpty() ? "-" : String.join(", ", values)));
    }

    private static void wrap(PrintWriter out, List<String> items) {
        StringBuilder line = new StringBuilder("  ");
        for (String item : items) {
            if (line.length() + item.length() > 100) {
                out.println(line.toString().stripTrailing());
                line = new StringBuilder("  ");
            }
            line.append(item).append("; ");
        }
        if (line.length() > 2) {
            out.println(line.toString().replaceAll("; $", ""));
        }
    }

    private static void printObject(PrintWriter out, StixObject o, KnowledgeStore store) {
        out.println(o.type() + "  " + o.name().orElse("") + "  " + o.id());
        if (!o.externalIds().isEmpty()) {
            out.println("  external ids: " + String.join(", ", o.externalIds()));
        }
        o.text("description").ifPresent(d -> out.println("  " + (d.length() > 400 ? d.substring(0, 400) + "..." : d)));
        o.text("pattern").ifPresent(pt -> out.println("  pattern: " + pt));
        List<String> rels = new ArrayList<>();
        for (StixObject r : store.relationships(o.id())) {
            String other = o.id().equals(r.text("source_ref").orElse("")) ? r.text("target_ref").orElse("") : r.text("source_ref").orElse("");
            rels.add(r.text("relationship_type").orElse(r.type()) + " " + other);
        }
        out.println("  relationships: " + rels.size());
        rels.stream().limit(15).forEach(r -> out.println("    " + r));
    }
}
