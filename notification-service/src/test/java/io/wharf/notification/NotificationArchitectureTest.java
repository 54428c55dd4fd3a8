package io.wharf.notification;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.junit.ArchTests;
import io.wharf.common.test.arch.WharfArchitectureRules;

/** STYLE.md's layering, from common's reusable rule set. */
@AnalyzeClasses(packages = "io.wharf.notification", importOptions = ImportOption.DoNotIncludeTests.class)
class NotificationArchitectureTest {

    @ArchTest
    static final ArchTests wharfRules = ArchTests.in(WharfArchitectureRules.class);
}
