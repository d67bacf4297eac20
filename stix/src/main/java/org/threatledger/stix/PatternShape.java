package org.threatledger.stix;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The pattern check used when the caller gives no parser (the {@code pattern} module depends on
 * this one, not the reverse): a STIX pattern must be non-empty, with its [ ] and ( ) balanced
 * outside string literals and every ' literal closed (backslash escapes honoured).
 */
final class PatternShape {
    private PatternShape() {}

    static Optional<String> check(String pattern) {
        if (pattern.isBlank()) {
            return Optional.of("a pattern must not be empty");
        }
        Deque<Character> open = new ArrayDeque<>();
        boolean inString = false;
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '\'') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '\'' -> inString = true;
                case '[', '(' -> open.push(c);
                case ']', ')' -> {
                    char want = c == ']' ? '[' : '(';
                    if (open.isEmpty() || open.pop() != want) {
                        return Optional.of("unbalanced '" + c + "' at column " + (i + 1));
                    }
                }
                default -> { }
            }
        }
        if (inString) {
            return Optional.of("a string literal is not closed");
        }
        if (!open.isEmpty()) {
            return Optional.of("'" + open.peek() + "' is not closed");
        }
        return Optional.empty();
    }
}
