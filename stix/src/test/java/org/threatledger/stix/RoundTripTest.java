package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Writing and reading back keeps everything: custom properties, x_ fields, x- objects, extensions. */
class RoundTripTest {
    @Test
    void everyExampleObject_parseOfToJson_equalsTheOriginal() {
        int objects = 0;
        List<Path> files = new java.util.ArrayList<>(TestData.validExampleFiles());
        Path samples = TestData.root().resolve("stix21-examples/stix-validator-v21");
        for (String name : List.of("identity_custom.json", "identity_unicode.json", "tool.json", "tlp-amber.json")) {
            files.add(samples.resolve(name));
        }
        for (Path file : files) {
            for (StixObject o : TestData.read(file).objects()) {
                StixObject back = StixObject.parse(o.toJson());
                assertThat(back).as(file.getFileName() + " " + o.id()).isEqualTo(o);
                assertThat(back.toJson()).isEqualTo(o.toJson());
                objects++;
            }
        }
        assertThat(objects).isGreaterThan(500);
    }

    @Test
    void attackFlow_customSdosAndExtension_surviveByteForByteInMeaning() {
        Path dir = TestData.root().resolve("stix21-examples/attack-flow");
        List<StixObject> objects = TestData.read(dir.resolve("attack-flow-example.json")).objects();
        StixObject flow = objects.stream().filter(o -> o.type().equals("attack-flow")).findFirst().orElseThrow();
        StixObject back = StixObject.parse(flow.toJson());
        assertThat(back.strings("start_refs")).isEqualTo(flow.strings("start_refs")).isNotEmpty();
        assertThat(back.get("extensions")).isEqualTo(flow.get("extensions")).isNotNull();
        StixObject definition = TestData.read(dir.resolve("attack-flow-extension-2.0.0.json")).objects().get(0);
        assertThat(definition.type()).isEqualTo("extension-definition");
        assertThat(StixObject.parse(definition.toJson())).isEqualTo(definition);
    }

    @Test
    void customProperty_andXPrefixedField_arePreserved() {
        StixObject identity = TestData.read(TestData.root().resolve("stix21-examples/stix-validator-v21/identity_custom.json")).objects().get(0);
        StixObject withX = identity.with("x_threatledger_state_sponsor", StixJson.readTree("\"PRC\""));
        StixObject back = StixObject.parse(withX.toJson());
        assertThat(back.text("foo")).contains("bar");
        assertThat(back.text("x_threatledger_state_sponsor")).contains("PRC");
    }

    @Test
    void numbers_keepTheirWrittenPrecision() {
        StixObject location = StixObject.parse("""
                {"type":"location","spec_version":"2.1","id":"location--a6e9345f-5a15-4c29-8bb3-7dcc5d168d64",
                 "created":"2016-04-06T20:03:00.000Z","modified":"2016-04-06T20:03:00.000Z",
                 "latitude":48.8566000,"longitude":2.3522,"x_big":123456789012345678901234567890}""");
        StixObject back = StixObject.parse(location.toJson());
        assertThat(back).isEqualTo(location);
        assertThat(location.toJson()).contains("48.8566000", "123456789012345678901234567890");
    }
}
