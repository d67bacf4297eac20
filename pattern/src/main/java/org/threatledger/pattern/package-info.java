/**
 * STIX 2.1 patterning (STIX 2.1 §9): {@link org.threatledger.pattern.PatternParser} turns pattern
 * text into an immutable {@link org.threatledger.pattern.Pattern} tree or a
 * {@link org.threatledger.pattern.PatternException} naming the column; {@link org.threatledger.pattern.Anchors}
 * extracts the lookups the matcher indexes a pattern by. {@link org.threatledger.pattern.CompiledPattern}
 * evaluates a pattern against one {@link org.threatledger.pattern.Observed} record, and its
 * {@link org.threatledger.pattern.PatternMatcher} over a stream of records, per sensor, yielding
 * {@link org.threatledger.pattern.Match}es. The ANTLR-generated lexer and parser live
 * in {@code org.threatledger.pattern.grammar} and are not part of the API.
 */
package org.threatledger.pattern;
