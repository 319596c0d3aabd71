package org.sandpaint;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of docs/architecture.md as rules that fail the build: the front ends (CLI, studio, launcher)
 * reach the engine only through its API package, the engine knows nothing of them or of JavaFX, and no
 * packages depend on each other in a circle.
 */
@AnalyzeClasses(packages = "org.sandpaint", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FRONT_ENDS = {"org.sandpaint.cli..", "org.sandpaint.studio..", "org.sandpaint.server..",
            "org.sandpaint.app.."};

    /** The engine's inner packages: everything below org.sandpaint.engine, not the API package itself. */
    private static final String ENGINE_INTERNALS = "org.sandpaint.engine.*..";

    @ArchTest
    static final ArchRule frontEndsUseOnlyTheEngineApi = noClasses()
            .that().resideInAnyPackage(FRONT_ENDS).or().haveFullyQualifiedName("org.sandpaint.Launcher")
            .should().dependOnClassesThat().resideInAPackage(ENGINE_INTERNALS)
            .because("front ends use only the engine's API package org.sandpaint.engine");

    @ArchTest
    static final ArchRule engineNeverUsesJavaFx = noClasses()
            .that().resideInAPackage("org.sandpaint.engine..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the engine runs without a window (java.awt images are fine)");

    @ArchTest
    static final ArchRule engineNeverUsesAFrontEnd = noClasses()
            .that().resideInAPackage("org.sandpaint.engine..")
            .should().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.sandpaint.Launcher")
            .because("front ends depend on the engine, never the other way");

    @ArchTest
    static final ArchRule downloadsStandAlone = noClasses()
            .that().resideInAPackage("org.sandpaint.download..")
            .should().dependOnClassesThat().resideInAnyPackage("org.sandpaint.engine..", "javafx..")
            .orShould().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
            .because("downloading a file needs neither a model nor a window; both front ends use it");

    @ArchTest
    static final ArchRule plotsUseOnlyTheEngineApi = noClasses()
            .that().resideInAPackage("org.sandpaint.plot..")
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE_INTERNALS, "javafx..")
            .orShould().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
            .because("the X/Y/Z plot is a service above the engine that every front end can run");

    @ArchTest
    static final ArchRule stylesUseOnlyTheEngineApi = noClasses()
            .that().resideInAPackage("org.sandpaint.styles..")
            .should().dependOnClassesThat().resideInAnyPackage(ENGINE_INTERNALS, "javafx..")
            .orShould().dependOnClassesThat().resideInAnyPackage(FRONT_ENDS)
            .because("saved prompt styles are shared by every front end and need no window");

    @ArchTest
    static final ArchRule topLevelPackagesHaveNoCycles = slices().matching("org.sandpaint.(*)..").should().beFreeOfCycles();

    /**
     * The engine's inner packages (model, pipeline, scheduler, ...) form no cycle among themselves. They may
     * all use the API package's types (requests, the model error, the enums a user picks from) while the
     * API's {@code Engine} drives them: the API package is the hub, not a layer of its own.
     */
    @ArchTest
    static final ArchRule engineInternalsHaveNoCycles = slices().matching("org.sandpaint.engine.(*)..").should().beFreeOfCycles();
}
