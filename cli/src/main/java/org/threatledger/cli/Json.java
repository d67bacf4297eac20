package org.threatledger.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.PrintWriter;
import org.threatledger.stix.StixJson;

/** JSON output for {@code --json}: one document per command, written with the STIX mapper. */
final class Json {
    private Json() {}

    static void print(PrintWriter out, Object value) {
        try {
            out.println(StixJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON output", e);
        }
    }
}
