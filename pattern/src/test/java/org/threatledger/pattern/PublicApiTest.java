package org.threatledger.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The module exports a small API: the parser, the tree, the exception, the anchors and the evaluator. */
class PublicApiTest {

    @Test
    void onlyTheApiTypes_arePublic() throws IOException, URISyntaxException, ClassNotFoundException {
        Path dir = Path.of(Pattern.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("org/threatledger/pattern");
        List<String> publicTypes = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = file.getFileName().toString().replace(".class", "");
                if (name.contains("$") || name.contains("-")) {
                    continue; // nested types follow their owner; package-info is not a type
                }
                if (Modifier.isPublic(Class.forName("org.threatledger.pattern." + name).getModifiers())) {
                    publicTypes.add(name);
                }
            }
        }
        assertThat(publicTypes).containsExactlyInAnyOrder("Anchor", "Anchors", "ComparisonExpression", "Literal",
                "ObjectPath", "ObservationExpression", "Operator", "PathStep", "Pattern", "PatternException",
                "PatternParser", "Qualifier", "CompiledPattern", "PatternMatcher", "Match", "Observed");
    }
}
