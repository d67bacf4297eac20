package org.threatledger.exports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.analysis.ActorDirectory;
import org.threatledger.stix.Ids;
import org.threatledger.stix.StixObject;
import org.threatledger.stix.Tlp;
import org.threatledger.store.KnowledgeStore;

/** The selection {@code export --format stix21} and {@code sync push} share, for one actor. */
class ObjectSelectionTest {
    @TempDir
    static Path home;
    static KnowledgeStore store;
    static ActorDirectory directory;

    @BeforeAll
    static void load() {
        store = DemoKnowledge.open(home.resolve("kb"));
        directory = ActorDirectory.load(store);
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static String handmade(String name) {
        return Ids.derived("indicator", "export-test", name);
    }

    private static String indicates(String indicator) {
        return Ids.derived("relationship", indicator, "indicates", DemoKnowledge.APT10);
    }

    @Test
    void actorAtGreen_sendsItsLinksOnlyWhereTheFarEndLeavesToo() {
        ExportSummary summary = new ExportSummary("test");
        List<StixObject> sent = new ArrayList<>();
        new ObjectSelection(store, Tlp.GREEN, List.of(), ObjectSelection.actors(directory, List.of("menuPass")), directory,
                summary).forEach(sent::add);
        List<String> ids = sent.stream().map(StixObject::id).toList();

        assertThat(ids).doesNotHaveDuplicates().contains(DemoKnowledge.APT10, handmade("green-cidr"),
                indicates(handmade("green-cidr")), handmade("clear"), indicates(handmade("clear")));
        // The unmarked indicator is AMBER; its GREEN relationship names it, so it stays too.
        assertThat(sent.toString()).doesNotContain(handmade("unmarked"), handmade("strict"), handmade("red"));
        assertThat(ids).doesNotContain(indicates(handmade("unmarked")), indicates(handmade("strict")));
        assertThat(summary.skipped()).containsKey("TLP:AMBER is above --max-tlp green");
    }

    @Test
    void actorAndType_relationshipsGoWhateverTheTypesSay() {
        List<StixObject> sent = new ArrayList<>();
        new ObjectSelection(store, Tlp.AMBER, List.of("indicator"), ObjectSelection.actors(directory, List.of("APT10")),
                directory, new ExportSummary("test")).forEach(sent::add);

        assertThat(sent).extracting(StixObject::type).containsOnly("indicator", "relationship");
        assertThat(sent).extracting(StixObject::id).contains(handmade("unmarked"), indicates(handmade("unmarked")))
                .doesNotContain(DemoKnowledge.APT10);
    }

    @Test
    void unknownActor_failsNamingIt() {
        assertThatThrownBy(() -> ObjectSelection.actors(directory, List.of("APT10", "Nobody Panda")))
                .isInstanceOf(ExportException.class).hasMessageContaining("'Nobody Panda'");
    }
}
