package org.threatledger.cli;

import org.threatledger.pattern.PatternParser;
import org.threatledger.stix.Validator;

/** The checks every imported object passes before it is stored: the STIX validator with the full pattern grammar. */
final class Validation {
    private Validation() {}

    static Validator forImport() {
        return new Validator(PatternParser::check);
    }
}
