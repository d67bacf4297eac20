package org.threatledger.pattern;

import org.antlr.v4.runtime.CharStream;
import org.antlr.v4.runtime.LexerNoViableAltException;
import org.antlr.v4.runtime.misc.Interval;
import org.threatledger.pattern.grammar.StixPatternLexer;

/** The generated lexer, failing fast on the first character it cannot read (no console output). */
final class PatternLexer extends StixPatternLexer {
    PatternLexer(CharStream input) {
        super(input);
        removeErrorListeners();
    }

    @Override
    public void notifyListeners(LexerNoViableAltException e) {
        int start = _tokenStartCharIndex;
        String text = _input.getText(Interval.of(start, Math.max(start, _input.index() - 1)));
        char first = text.isEmpty() ? '?' : text.charAt(0);
        int column = start + 1;
        if (first == '\'' || (text.length() > 1 && text.charAt(1) == '\'' && "tbh".indexOf(first) >= 0)) {
            throw new PatternException("unterminated string", column, "a string ends with an unescaped '");
        }
        if (first == '"') {
            throw new PatternException("unexpected character '\"'", column, "strings use single quotes");
        }
        throw new PatternException("unexpected character '" + printable(first) + "'", column, "");
    }

    private static String printable(char c) {
        return c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c);
    }
}
