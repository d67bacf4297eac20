package org.threatledger.pipeline;

import org.threatledger.pattern.PatternParser;
import org.threatledger.stix.Validator;

/** The checks every imported object passes before it is stored: the STIX validator with the full pattern grammar. */
public final class Validation {
    private Validation() {}

    public static Validator forImport() {
        return new Validator(PatternParser::check);
    }
}
