package org.threatledger.stix;

import java.util.List;

/** What the {@link Validator} found: every finding, in the order the objects and rules were checked. */
public record ValidationReport(List<Finding> findings) {
    public ValidationReport {
        findings = List.copyOf(findings);
    }

    /** The findings that break the spec. */
    public List<Finding> errors() {
        return findings.stream().filter(Finding::isError).toList();
    }

    /** The findings that are allowed but worth a look. */
    public List<Finding> warnings() {
        return findings.stream().filter(f -> !f.isError()).toList();
    }

    /** True when nothing breaks the spec (warnings allowed). */
    public boolean isValid() {
        return findings.stream().noneMatch(Finding::isError);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Finding f : findings) {
            sb.append(f).append('\n');
        }
        return sb.toString();
    }
}
