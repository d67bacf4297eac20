package org.threatledger.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.threatledger.stix.BundleReader;
import org.threatledger.stix.StixJson;
import org.threatledger.stix.StixObject;

/** The command-line contract: options, exit codes, JSON shapes, on a real embedded store. */
class CliTest {
    @TempDir
    Path home;

    record Result(int code, String out, String err) {
        JsonNode json() {
            return StixJson.readTree(out);
        }
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }

    Path demoFile(String name) throws IOException {
        Path p = home.resolve("in").resolve(name);
        Files.createDirectories(p.getParent());
        try (var in = CliTest.class.getResourceAsStream("/demo/" + name)) {
            Files.copy(in, p);
        }
        return p;
    }

    @Test
    void aLineThatNamesItsCommand_buildsOnlyThatOne_helpAndUnknownWordsGetThemAll() {
        assertThat(Main.commandNamed(new String[] {"--home", "hunt", "--json", "stats", "x"}))
                .isEqualTo(StatsCommand.class);
        assertThat(Main.commandNamed(new String[] {"--store", "jdbc:postgresql://h/db", "hunt"}))
                .isEqualTo(HuntCommand.class);
        assertThat(Main.commandNamed(new String[] {"help", "hunt"})).isNull();
        assertThat(Main.commandNamed(new String[] {"--version"})).isNull();
        assertThat(Main.commandNamed(new String[] {"hnut"})).isNull();

        Result help = run("help", "hunt");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("Usage: threatledger hunt");
        Result all = run("--help");
        for (String command : List.of("import", "hunt", "retrohunt", "serve", "demo")) {
            assertThat(all.out()).contains("  " + command + " ");
        }
        Result typo = run("huntx");
        assertThat(typo.code()).isEqualTo(Main.USAGE);
        assertThat(typo.err()).contains("Did you mean: threatledger hunt");
        // options the root passes down still reach a command built alone, before or after its name
        Result stats = run("stats", "--json", "--home", home.toString());
        assertThat(stats.code()).as(stats.err()).isZero();
        assertThat(stats.json().path("objects").path("total").asLong()).isZero();
    }

    @Test
    void importThenStats_jsonHasTheContractShape() throws IOException {
        Path bundle = demoFile("actors.stix.json");
        Result imported = run("import", bundle.toString(), "--home", home.toString());
        assertThat(imported.code()).as(imported.err()).isZero();
        Result stats = run("--home", home.toString(), "--json", "stats");
        assertThat(stats.code()).isZero();
        JsonNode j = stats.json();
        assertThat(j.path("objects").path("total").asLong()).isEqualTo(61);
        assertThat(j.path("objects").path("by_type").path("intrusion-set").asLong()).isEqualTo(3);
        assertThat(j.path("actors").asLong()).isEqualTo(3);
        assertThat(j.path("indicators").asLong()).isEqualTo(7);
    }

    @Test
    void reimport_ofTheSameBundle_changesNothing() throws IOException {
        Path bundle = demoFile("actors.stix.json");
        run("--home", home.toString(), "import", bundle.toString());
        Result again = run("--home", home.toString(), "--json", "import", bundle.toString());
        assertThat(again.code()).isZero();
        JsonNode totals = again.json().path("totals");
        assertThat(totals.path("unchanged").asLong()).isEqualTo(61);
        assertThat(totals.path("added").asLong()).isZero();
    }

    @Test
    void globalOptions_acceptedBeforeOrAfterTheSubcommand() throws IOException {
        Path bundle = demoFile("actors.stix.json");
        assertThat(run("import", bundle.toString(), "--home", home.toString(), "--json").json().path("totals").path("added").asLong())
                .isEqualTo(61);
        assertThat(run("--json", "--home", home.toString(), "stats").json().path("actors").asLong()).isEqualTo(3);
    }

    @Test
    void show_byAlias_printsTheProfile() throws IOException {
        run("--home", home.toString(), "import", demoFile("actors.stix.json").toString());
        Result show = run("--home", home.toString(), "--json", "show", "Stone", "Panda");
        assertThat(show.code()).as(show.err()).isZero();
        JsonNode p = show.json();
        assertThat(p.path("name").asText()).isEqualTo("APT10");
        assertThat(p.path("techniques").has("T1199")).isTrue();
        assertThat(p.path("sectors").toString()).contains("Health care");
        assertThat(p.path("campaigns").toString()).contains("Cloud Hopper");
        assertThat(p.path("countries").toString()).contains("China");
    }

    @Test
    void show_unknown_failsWithExitCode1() {
        Result r = run("--home", home.toString(), "show", "NoSuchActor");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("NoSuchActor");
    }

    @Test
    void usageErrors_exitWith2() {
        assertThat(run("--home", home.toString(), "import").code()).isEqualTo(2);
        assertThat(run("--home", home.toString(), "nosuchcommand").code()).isEqualTo(2);
        assertThat(run("--home", home.toString(), "import", "x.json", "--tlp", "purple").code()).isEqualTo(2);
    }

    @Test
    void rejectedRecords_exitWith3_andTheRestIsImported() throws IOException {
        Path bad = home.resolve("bad.json");
        Files.writeString(bad, """
                {"type":"bundle","id":"bundle--0b5e1f2a-1111-4222-8333-444455556666","objects":[
                 {"type":"identity","spec_version":"2.1","id":"identity--0b5e1f2a-1111-4222-8333-444455556667",
                  "created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Good","identity_class":"organization"},
                 {"type":"identity","spec_version":"2.1","name":"no id here"},
                 {"type":"identity","spec_version":"2.1","id":"identity--0b5e1f2a-1111-4222-8333-444455556668",
                  "created":"2020-01-01T00:00:00.000Z","modified":"2020-01-01T00:00:00.000Z","name":"Also good","identity_class":"organization"}
                ]}""");
        Result r = run("--home", home.toString(), "--json", "import", bad.toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.json().path("totals").path("added").asLong()).isEqualTo(2);
        assertThat(r.json().path("rejected").get(0).asText()).contains("bad.json:4").contains("'id'");
    }

    @Test
    void export_stix21_writesABundleThatReadsBackWhole() throws IOException {
        run("--home", home.toString(), "import", demoFile("actors.stix.json").toString());
        Path out = home.resolve("export.json");
        Result r = run("--home", home.toString(), "export", "--format", "stix21", "--out", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        List<StixObject> objects = new ArrayList<>();
        List<Object> problems = new ArrayList<>();
        try (var in = Files.newInputStream(out)) {
            BundleReader.read(in, out.toString(), objects::add, problems::add);
        }
        assertThat(problems).isEmpty();
        assertThat(objects).extracting(StixObject::type).contains("intrusion-set", "indicator", "marking-definition");
        assertThat(objects.stream().filter(o -> o.type().equals("intrusion-set")).count()).isEqualTo(3);
    }

    @Test
    void export_byActor_keepsOnlyThatActorsNeighbourhood() throws IOException {
        run("--home", home.toString(), "import", demoFile("actors.stix.json").toString());
        Path out = home.resolve("apt1.json");
        assertThat(run("--home", home.toString(), "export", "--actor", "Comment Crew", "--out", out.toString()).code()).isZero();
        String text = Files.readString(out);
        assertThat(text).contains("\"APT1\"").doesNotContain("\"APT29\"").contains("news-update.example");
    }

    @Test
    void import_fromAUrl_onLoopback() throws IOException {
        byte[] body = Files.readAllBytes(demoFile("actors.stix.json"));
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/feeds/actors.json", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/stix+json;version=2.1");
            exchange.sendResponseHeaders(200, body.length);
            try (var os = exchange.getResponseBody()) {
                os.write(body);
            }
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feeds/actors.json";
            Result r = run("--home", home.toString(), "--json", "import", url);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.json().path("totals").path("added").asLong()).isEqualTo(61);
            Result missing = run("--home", home.toString(), "import", url.replace("actors", "nothing"));
            assertThat(missing.code()).isEqualTo(1);
            assertThat(missing.err()).contains("HTTP 404");
        } finally {
            server.stop(0);
        }
    }

    @Test
    void demo_importsEverythingAndShowsTheActors() {
        Result r = run("--home", home.toString(), "--json", "demo");
        assertThat(r.code()).as(r.err() + r.out()).isZero();
        JsonNode j = r.json();
        assertThat(j.path("import").path("totals").path("rejected").asLong()).isZero();
        assertThat(j.path("actors").size()).isEqualTo(3);
        JsonNode apt10 = j.path("actors").get(1);
        assertThat(apt10.path("name").asText()).isEqualTo("APT10");
        assertThat(apt10.path("indicators").path("domain").asLong()).isEqualTo(4);
        assertThat(apt10.path("indicators").path("ip_port").asLong()).isEqualTo(1);
        JsonNode apt29 = j.path("actors").get(2);
        assertThat(apt29.path("merged_on").toString()).contains("attack:G0016");
        // the demo hunt: 10 sightings; the 8443 trail hits the one connection on 8443, not the one on 443
        JsonNode hunt = j.path("hunt");
        assertThat(hunt.path("sightings").asInt()).isEqualTo(10);
        assertThat(hunt.path("hits_by_actor").path("APT10").asLong()).isEqualTo(16);
        assertThat(hunt.path("hits_by_actor").path("APT1").asLong()).isEqualTo(6);
    }
}
