package io.wharf.common.test.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering rules of STYLE.md as ArchUnit rules every service applies to its own classes:
 * <pre>
 * {@literal @}AnalyzeClasses(packages = "io.wharf.identity", importOptions = ImportOption.DoNotIncludeTests.class)
 * class ArchitectureTest {
 *     {@literal @}ArchTest static final ArchTests wharf = ArchTests.in(WharfArchitectureRules.class);
 * }
 * </pre>
 * Rules allow an empty selection, so a service that has no query side yet still passes.
 */
public final class WharfArchitectureRules {

    /** The annotation name, so these rules need no Axon on the classpath. */
    private static final String AGGREGATE = "org.axonframework.spring.stereotype.Aggregate";

    @ArchTest
    public static final ArchRule COMMAND_SIDE_DOES_NOT_DEPEND_ON_QUERY_SIDE = noClasses()
            .that().resideInAPackage("..command..")
            .should().dependOnClassesThat().resideInAPackage("..query..")
            .because("the write side never reads views (STYLE: command ↛ query)")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule QUERY_SIDE_DOES_NOT_DEPEND_ON_COMMAND_SIDE = noClasses()
            .that().resideInAPackage("..query..")
            .should().dependOnClassesThat().resideInAPackage("..command..")
            .because("projections see events and their own repository only (STYLE: query ↛ command)")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule AGGREGATES_ARE_FREE_OF_SPRING_AND_PERSISTENCE = noClasses()
            .that().areAnnotatedWith(AGGREGATE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "org.springframework..", "com.mongodb..", "org.bson..", "..repository..", "..query..")
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
            .because("an aggregate checks rules and applies events; infrastructure is injected behind its own interfaces")
            .allowEmptyShould(true);

    @ArchTest
    public static final ArchRule COMMON_DEPENDS_ON_NO_SERVICE = noClasses()
            .that().resideInAPackage("io.wharf.common..")
            .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe(
                    "reside in a service package",
                    javaClass -> javaClass.getPackageName().startsWith("io.wharf.")
                            && !javaClass.getPackageName().startsWith("io.wharf.common")))
            .because("common is the published language; services depend on it, never the other way round")
            .allowEmptyShould(true);

    private WharfArchitectureRules() {
    }
}
