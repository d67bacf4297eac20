package org.threatledger.pattern;

import java.util.List;
import java.util.Optional;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.ParseCancellationException;
import org.threatledger.pattern.grammar.StixPatternLexer;
import org.threatledger.pattern.grammar.StixPatternParser;

/**
 * Parses STIX 2.1 pattern text into a {@link Pattern}.
 *
 * <p>Design: two-stage ANTLR parse. The fast SLL prediction mode with a bail-out strategy handles
 * every valid pattern we have seen; only when it fails does the parser rerun in full LL mode with
 * an error listener that turns the first syntax error into a {@link PatternException} naming the
 * column. ANTLR's console listeners are removed, so nothing is ever printed. Semantic rules (type
 * and property names, literal forms, operator operands, qualifiers, RE2/J regexes) are checked
 * while building the tree, by {@link AstBuilder}.
 */
public final class PatternParser {
    /** Deeper nesting than this is refused before parsing, so no input can overflow the stack. */
    static final int MAX_NESTING = 100;

    private PatternParser() {}

    /** Parses {@code text} or throws {@link PatternException} naming the problem and its column. */
    public static Pattern parse(String text) {
        if (text == null) {
            throw new PatternException("pattern is missing", 1, "");
        }
        StixPatternParser.PatternContext tree = parseTree(text);
        return new AstBuilder().pattern(tree);
    }

    /** The problem with {@code text}, or empty when it is a valid STIX 2.1 pattern. */
    public static Optional<String> check(String text) {
        try {
            parse(text);
            return Optional.empty();
        } catch (PatternException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Both the parser and the AST are recursive: bound the depth of brackets and parentheses. */
    private static void checkNesting(List<Token> tokens) {
        int depth = 0;
        for (Token token : tokens) {
            int type = token.getType();
            if (type == StixPatternLexer.LPAREN || type == StixPatternLexer.LBRACK) {
                if (++depth > MAX_NESTING) {
                    throw new PatternException("nesting deeper than " + MAX_NESTING + " levels",
                            token.getStartIndex() + 1, "");
                }
            } else if (type == StixPatternLexer.RPAREN || type == StixPatternLexer.RBRACK) {
                depth--;
            }
        }
    }

    private static StixPatternParser.PatternContext parseTree(String text) {
        CommonTokenStream tokens = new CommonTokenStream(new PatternLexer(CharStreams.fromString(text)));
        tokens.fill();
        checkNesting(tokens.getTokens());
        StixPatternParser parser = new StixPatternParser(tokens);
        parser.removeErrorListeners();
        parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
        parser.setErrorHandler(new BailErrorStrategy());
        try {
            return parser.pattern();
        } catch (ParseCancellationException e) {
            tokens.seek(0);
            parser.reset();
            parser.getInterpreter().setPredictionMode(PredictionMode.LL);
            parser.setErrorHandler(new DefaultErrorStrategy());
            parser.addErrorListener(SyntaxErrors.INSTANCE);
            return parser.pattern();
        }
    }
}
