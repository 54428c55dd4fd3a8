package io.wharf.common.test.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/** The rules really catch what they are meant to catch (a rule that cannot fail proves nothing). */
class WharfArchitectureRulesTest {

    private final JavaClasses bad = new ClassFileImporter().importPackages("io.wharf.common.test.arch.fixture");

    @Test
    void catchesTheCommandSideReadingTheQuerySide() {
        assertThatThrownBy(() -> WharfArchitectureRules.COMMAND_SIDE_DOES_NOT_DEPEND_ON_QUERY_SIDE.check(bad))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void catchesTheQuerySideReachingIntoTheCommandSide() {
        assertThatThrownBy(() -> WharfArchitectureRules.QUERY_SIDE_DOES_NOT_DEPEND_ON_COMMAND_SIDE.check(bad))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void catchesAnAggregateThatHoldsSpring() {
        assertThatThrownBy(() -> WharfArchitectureRules.AGGREGATES_ARE_FREE_OF_SPRING_AND_PERSISTENCE.check(bad))
                .isInstanceOf(AssertionError.class).hasMessageContaining("ApplicationContext");
    }
}
