package org.threatledger.cli;

import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.threatledger.analysis.Actor;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Timestamps;
import org.threatledger.store.KnowledgeStore;
import org.threatledger.store.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code actor list|link|unlink}: the analyst's side of actor unification. A link is a STIX
 * {@code duplicate-of} relationship (STIX 2.1 §5.2) stored like any other object, so it is shared,
 * versioned and explainable; unlinking revokes it, and the next look splits the actors again.
 */
@Command(name = "actor", mixinStandardHelpOptions = true,
        description = "List actors, or confirm (link) / undo (unlink) that two actor records are the same group.",
        subcommands = {ActorCommand.ListActors.class, ActorCommand.Link.class, ActorCommand.Unlink.class})
final class ActorCommand {
    @ParentCommand
    Main root;

    static final String SOURCE = "analyst";

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every actor with its names, sources and candidate links.")
    static final class ListActors implements Callable<Integer> {
        @ParentCommand
        ActorCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (KnowledgeStore store = Env.open(parent.root)) {
                ActorDirectory directory = ActorDirectory.load(store);
                List<Map<String, Object>> rows = new ArrayList<>();
                for (Actor a : directory.actors()) {
                    List<String> sources = a.members().stream().map(m -> m.provenance().source()).distinct().toList();
                    List<String> candidates = directory.candidates(a).stream().map(Actor::name).toList();
                    if (parent.root.json) {
                        Map<String, Object> row = new LinkedHashMap<>();
                        row.put("name", a.name());
                        row.put("ids", a.ids());
                        row.put("names", a.namesWithSources().keySet());
                        row.put("sources", sources);
                        row.put("candidates", candidates);
                        rows.add(row);
                    } else {
                        out.println(a.name() + "  [" + String.join(", ", sources) + "]"
                                + (candidates.isEmpty() ? "" : "  candidates: " + String.join(", ", candidates)));
                    }
                }
                if (parent.root.json) {
                    Json.print(out, rows);
                }
            }
            return Main.OK;
        }
    }

    @Command(name = "link", mixinStandardHelpOptions = true,
            description = "Confirm that two actors are the same group (writes a duplicate-of relationship).")
    static final class Link implements Callable<Integer> {
        @ParentCommand
        ActorCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ACTOR") String first;
        @Parameters(index = "1", paramLabel = "SAME_AS") String second;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why (kept as the relationship's description).")
        String reason;

        @Override
        public Integer call() {
            try (KnowledgeStore store = Env.open(parent.root)) {
                ActorDirectory directory = ActorDirectory.load(store);
                Actor a = find(directory, first);
                Actor b = find(directory, second);
                if (a == b) {
                    report(spec, parent.root, "already-linked", List.of(), a.name() + " and " + b.name() + " are already one actor");
                    return Main.OK;
                }
                StixObject rel = duplicateOf(b.primary().id(), a.primary().id(), reason, Instant.now());
                store.put(List.of(rel), new Provenance(SOURCE, "threatledger actor link", Instant.now(), null));
                report(spec, parent.root, "linked", List.of(rel.id()), b.name() + " is the same group as " + a.name());
            }
            return Main.OK;
        }
    }

    @Command(name = "unlink", mixinStandardHelpOptions = true,
            description = "Undo a link made with 'actor link' (revokes the duplicate-of relationship).")
    static final class Unlink implements Callable<Integer> {
        @ParentCommand
        ActorCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "ACTOR") String first;
        @Parameters(index = "1", paramLabel = "OTHER") String second;

        @Override
        public Integer call() {
            try (KnowledgeStore store = Env.open(parent.root)) {
                Actor merged = find(ActorDirectory.load(store), first);
                ActorDirectory strongOnly = ActorDirectory.of(merged.members(), List.of());
                java.util.Set<String> sideA = find(strongOnly, first).ids();
                java.util.Set<String> sideB = find(strongOnly, second).ids();
                String now = Timestamps.format(Instant.now());
                List<StixObject> revoked = new ArrayList<>();
                for (Actor.Link l : merged.links()) {
                    if (!l.key().startsWith("duplicate-of ")) {
                        continue;
                    }
                    StixObject rel = store.get(l.key().substring("duplicate-of ".length())).orElseThrow().object();
                    String src = rel.text("source_ref").orElse("");
                    String dst = rel.text("target_ref").orElse("");
                    if (sideA.contains(src) && sideB.contains(dst) || sideB.contains(src) && sideA.contains(dst)) {
                        revoked.add(rel.with("revoked", BooleanNode.TRUE).with("modified", TextNode.valueOf(now)));
                    }
                }
                if (revoked.isEmpty()) {
                    throw new Main.UserError("no analyst link joins '" + first + "' and '" + second + "'", Main.FAILURE);
                }
                store.put(revoked, new Provenance(SOURCE, "threatledger actor unlink", Instant.now(), null));
                report(spec, parent.root, "unlinked", revoked.stream().map(StixObject::id).toList(), "");
            }
            return Main.OK;
        }
    }

    private static void report(CommandSpec spec, Main root, String what, List<String> relationships, String text) {
        PrintWriter out = spec.commandLine().getOut();
        if (root.json) {
            Json.print(out, Map.of("result", what, "relationships", relationships));
        } else {
            out.println(what + ": " + (text.isEmpty() ? "" : text + " ") + relationships);
        }
    }

    static Actor find(ActorDirectory directory, String query) {
        return directory.find(query).orElseThrow(() -> new Main.UserError("no actor is known as '" + query + "'", Main.FAILURE));
    }

    static StixObject duplicateOf(String source, String target, String reason, Instant now) {
        String[] pair = source.compareTo(target) < 0 ? new String[] {source, target} : new String[] {target, source};
        ObjectNode o = StixJson.object();
        o.put("type", "relationship");
        o.put("spec_version", "2.1");
        o.put("id", Ids.derived("relationship", "duplicate-of", pair[0], pair[1]));
        String t = Timestamps.format(now);
        o.put("created", t);
        o.put("modified", t);
        o.put("relationship_type", "duplicate-of");
        o.put("source_ref", source);
        o.put("target_ref", target);
        if (reason != null) {
            o.put("description", reason);
        }
        return StixObject.of(o);
    }
}
