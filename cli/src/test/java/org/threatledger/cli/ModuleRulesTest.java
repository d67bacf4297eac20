package org.threatledger.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of DESIGN.md: who may depend on whom, and where JDBC and picocli may appear. */
class ModuleRulesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.threatledger");
    }

    @Test
    void stix_dependsOnNothingOfOurs() {
        noClasses().that().resideInAPackage("org.threatledger.stix..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.threatledger.pattern..", "org.threatledger.store..", "org.threatledger.ingest..",
                        "org.threatledger.analysis..", "org.threatledger.cli..")
                .check(classes);
    }

    @Test
    void pattern_dependsOnlyOnStix() {
        noClasses().that().resideInAPackage("org.threatledger.pattern..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.threatledger.store..", "org.threatledger.ingest..", "org.threatledger.analysis..",
                        "org.threatledger.cli..")
                .check(classes);
    }

    @Test
    void store_dependsOnlyOnStix() {
        noClasses().that().resideInAPackage("org.threatledger.store..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.threatledger.pattern..", "org.threatledger.ingest..", "org.threatledger.analysis..",
                        "org.threatledger.cli..")
                .check(classes);
    }

    @Test
    void ingest_dependsOnlyOnStixAndPattern() {
        noClasses().that().resideInAPackage("org.threatledger.ingest..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.threatledger.store..", "org.threatledger.analysis..", "org.threatledger.cli..")
                .check(classes);
    }

    @Test
    void analysis_dependsOnlyOnStixAndStore() {
        noClasses().that().resideInAPackage("org.threatledger.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.threatledger.pattern..", "org.threatledger.ingest..", "org.threatledger.cli..")
                .check(classes);
    }

    @Test
    void exports_dependsOnlyOnStixPatternStoreAndAnalysis() {
        noClasses().that().resideInAPackage("org.threatledger.exports..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.threatledger.ingest..", "org.threatledger.match..", "org.threatledger.cli..")
                .check(classes);
    }

    @Test
    void exports_usedOnlyByCli() {
        noClasses().that().resideOutsideOfPackages("org.threatledger.exports..", "org.threatledger.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.threatledger.exports..")
                .check(classes);
    }

    @Test
    void pipeline_isFreeOfPicocliJavalinAndTheCompositionRoots() {
        noClasses().that().resideInAPackage("org.threatledger.pipeline..")
                .should().dependOnClassesThat().resideInAnyPackage("picocli..", "io.javalin..", "org.eclipse.jetty..",
                        "org.threatledger.cli..", "org.threatledger.server..", "org.threatledger.taxii..",
                        "org.threatledger.exports..")
                .check(classes);
    }

    @Test
    void pipeline_usedOnlyByTheCompositionRoots() {
        noClasses().that().resideOutsideOfPackages("org.threatledger.pipeline..", "org.threatledger.cli..",
                        "org.threatledger.server..", "org.threatledger.bench..")
                .should().dependOnClassesThat().resideInAPackage("org.threatledger.pipeline..")
                .check(classes);
    }

    @Test
    void jdbc_onlyInStore() {
        noClasses().that().resideOutsideOfPackage("org.threatledger.store..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.jdbi..", "org.flywaydb..")
                .check(classes);
    }

    @Test
    void javalin_onlyInServer() {
        noClasses().that().resideOutsideOfPackage("org.threatledger.server..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
                .check(classes);
    }

    @Test
    void taxii_isFrameworkFree_andDependsOnlyOnStixStoreAndAnalysis() {
        noClasses().that().resideInAPackage("org.threatledger.taxii..")
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "java.sql..",
                        "javax.sql..", "org.threatledger.server..", "org.threatledger.cli..", "org.threatledger.ingest..",
                        "org.threatledger.pattern..", "org.threatledger.exports..", "org.threatledger.match..")
                .check(classes);
    }

    @Test
    void picocli_onlyInCli() {
        noClasses().that().resideOutsideOfPackage("org.threatledger.cli..")
                .should().dependOnClassesThat().resideInAPackage("picocli..")
                .check(classes);
    }

    @Test
    void modules_haveNoCycles() {
        slices().matching("org.threatledger.(*)..").should().beFreeOfCycles().check(classes);
    }
}
