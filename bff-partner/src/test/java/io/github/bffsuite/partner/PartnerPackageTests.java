package io.github.bffsuite.partner;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's packages depend on each other in one direction only: each part declares
 * its beans beside its code, and {@code config} (the settings) imports none of them back.
 */
class PartnerPackageTests {

	static final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("io.github.bffsuite.partner");

	@Test
	void packagesAreFreeOfCycles() {
		slices().matching("io.github.bffsuite.partner.(*)..").should().beFreeOfCycles().check(classes);
	}

}
