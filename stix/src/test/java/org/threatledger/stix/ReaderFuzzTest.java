package org.threatledger.stix;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Any bytes through {@link BundleReader} and {@link Validator}: only objects, read problems and
 * findings may come out, never an exception. Under {@code verify} this runs in regression mode over
 * the seeds in {@code src/test/resources/org/threatledger/stix/ReaderFuzzTestInputs/readAndValidate}; to fuzz:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl stix -am test -Dtest=ReaderFuzzTest -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class ReaderFuzzTest {
    private static final Validator VALIDATOR = new Validator();

    @FuzzTest(maxDuration = "60s")
    void readAndValidate(byte[] input) {
        List<StixObject> objects = new ArrayList<>();
        List<ReadProblem> problems = new ArrayList<>();
        BundleReader.read(new ByteArrayInputStream(input), "fuzz.json", objects::add, problems::add);
        for (ReadProblem p : problems) {
            assertThat(p.message()).isNotBlank();
            assertThat(p.source()).isEqualTo("fuzz.json");
        }
        ValidationReport report = VALIDATOR.validateAll(objects);
        for (Finding f : report.findings()) {
            assertThat(f.message()).isNotBlank();
            assertThat(f.toString()).isNotBlank();
        }
        for (StixObject o : objects) {
            assertThat(StixObject.parse(o.toJson())).isEqualTo(o);
        }
        VALIDATOR.validate(new ByteArrayInputStream(input), "fuzz.json");
    }
}
