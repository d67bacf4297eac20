package org.threatledger.pattern;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;
import static org.threatledger.pattern.grammar.StixPatternParser.*;

/**
 * Turns ANTLR's first syntax error into a {@link PatternException}: {@code expected ']' at column
 * 37, found 'and' (keywords are upper case: AND)}. Token groups get one name ("a comparison
 * operator", "a value") so the message stays short.
 */
final class SyntaxErrors extends BaseErrorListener {
    static final SyntaxErrors INSTANCE = new SyntaxErrors();

    private static final int[] OPERATORS = {EQ, NEQ, LT, LE, GT, GE, IN, LIKE, MATCHES, ISSUBSET, ISSUPERSET};
    private static final int[] VALUES = {StringLiteral, IntLiteral, FloatLiteral, BoolLiteral,
        TimestampLiteral, BinaryLiteral, HexLiteral};
    private static final int MAX_NAMES = 5;

    private SyntaxErrors() {}

    @Override
    public void syntaxError(Recognizer<?, ?> recognizer, Object offendingSymbol, int line, int charPositionInLine,
            String msg, RecognitionException e) {
        Token token = (Token) offendingSymbol;
        IntervalSet expected = ((Parser) recognizer).getExpectedTokens();
        String found = token.getType() == Token.EOF ? "end of pattern" : "'" + token.getText() + "'";
        String detail = "found " + found + hint(token.getText());
        boolean bareWord = token.getType() == Identifier || token.getType() == HyphenIdentifier;
        if (bareWord && expected.contains(StringLiteral) && expected.contains(IntLiteral)) {
            detail += " (a string value is written in single quotes: '" + token.getText() + "')";
        }
        int column = token.getStartIndex() + 1;
        List<String> names = names(expected, recognizer);
        if (token.getType() == Token.EOF && (expected.contains(RBRACK) || expected.contains(RPAREN))) {
            names = closers(expected);
        }
        if (names.isEmpty() || names.size() > MAX_NAMES) {
            throw new PatternException("unexpected " + found, column, hint(token.getText()).strip());
        }
        throw new PatternException("expected " + String.join(" or ", names), column, detail);
    }

    /** At the end of the text, a missing closing bracket is the useful thing to say. */
    private static List<String> closers(IntervalSet expected) {
        List<String> closers = new ArrayList<>();
        if (expected.contains(RBRACK)) {
            closers.add("']'");
        }
        if (expected.contains(RPAREN)) {
            closers.add("')'");
        }
        return closers;
    }

    private static String hint(String text) {
        String upper = text == null ? "" : text.toUpperCase(Locale.ROOT);
        if (!upper.equals(text) && Printing.KEYWORDS.contains(upper)) {
            return " (keywords are upper case: " + upper + ")";
        }
        return "";
    }

    private static List<String> names(IntervalSet expected, Recognizer<?, ?> recognizer) {
        Set<String> names = new LinkedHashSet<>();
        Set<Integer> types = new LinkedHashSet<>(expected.toList());
        takeGroup(types, OPERATORS, "a comparison operator", names);
        takeGroup(types, VALUES, "a value", names);
        if (types.remove(Identifier) | types.remove(HyphenIdentifier)) {
            types.remove(BoolLiteral); // only where a type name may be spelled 'true' or 'false'
            names.add("a name");
        }
        for (int type : types) {
            names.add(switch (type) {
                case Token.EOF -> "end of pattern";
                case StringLiteral -> "a string";
                case IntLiteral -> "an integer";
                case FloatLiteral -> "a number";
                case TimestampLiteral -> "a timestamp t'...'";
                default -> recognizer.getVocabulary().getDisplayName(type);
            });
        }
        return new ArrayList<>(names);
    }

    private static void takeGroup(Set<Integer> types, int[] group, String name, Set<String> names) {
        for (int type : group) {
            if (!types.contains(type)) {
                return;
            }
        }
        for (int type : group) {
            types.remove(type);
        }
        names.add(name);
    }
}
