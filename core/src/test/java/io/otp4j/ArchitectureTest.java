package io.otp4j;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.otp4j.internal.RuntimeAccess;

/**
 * The layers of core, checked on its compiled classes (see {@code docs/architecture/layers.md}):
 * <ul>
 *   <li>no cycle between packages: every dependency points down the layers;</li>
 *   <li>the API packages at the bottom ({@code actor}, {@code mailbox}, {@code timer}, {@code dispatch},
 *   {@code monitor}) import nothing from {@code internal}: they find the runtime through the service
 *   providers it declares;</li>
 *   <li>the features above the runtime ({@code registry}, {@code broker}, {@code router},
 *   {@code supervisor}) use {@code internal} only through its one facade, {@code RuntimeAccess}.</li>
 * </ul>
 */
@AnalyzeClasses(packages = "io.otp4j", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule packagesAreFreeOfCycles = slices().matching("io.otp4j.(*)..")
            .as("packages of io.otp4j").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule apiPackagesDoNotImportTheRuntime = noClasses()
            .that().resideInAnyPackage("io.otp4j.actor..", "io.otp4j.mailbox..", "io.otp4j.timer..",
                    "io.otp4j.dispatch..", "io.otp4j.monitor..")
            .should().dependOnClassesThat().resideInAPackage("io.otp4j.internal..")
            .as("API packages import nothing from io.otp4j.internal");

    @ArchTest
    static final ArchRule featuresUseTheRuntimeOnlyThroughItsFacade = noClasses()
            .that().resideInAnyPackage("io.otp4j.registry..", "io.otp4j.broker..", "io.otp4j.router..",
                    "io.otp4j.supervisor..")
            .should().dependOnClassesThat(resideInAPackage("io.otp4j.internal..")
                    .and(not(belongToAnyOf(RuntimeAccess.class))))
            .as("feature packages use io.otp4j.internal only through RuntimeAccess");
}
