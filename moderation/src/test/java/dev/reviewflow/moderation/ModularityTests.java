package dev.reviewflow.moderation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(ModerationApplication.class);

	static final Path DOCS = Path.of("target", "spring-modulith-docs");

	@Test
	void featureModulesOnlyUseEachOthersPublicApi() {
		MODULES.verify();
	}

	/**
	 * Writes each feature's canvas (its API, events published and listened to, beans) and the diagrams of the
	 * modules into {@code target/spring-modulith-docs}; the README's canvas summarizes them.
	 */
	@Test
	void writesTheModuleCanvasesAndDiagrams() throws IOException {
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(DOCS.toString()))
			.writeModuleCanvases()
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml();

		assertThat(DOCS.resolve("module-cases.adoc")).content()
			.contains("CaseResolved", "CaseOpened", "ReviewScreened", "ReviewWithdrawn");
		assertThat(DOCS.resolve("module-report.adoc")).content().contains("ReportFiled", "CaseResolved");
		assertThat(DOCS.resolve("module-audit.adoc")).content().contains("ReviewDecided", "PolicyReplaced");
		try (var files = Files.list(DOCS)) {
			assertThat(files.map(file -> file.getFileName().toString()))
				.contains("components.puml", "module-cases.puml", "module-review.puml");
		}
	}
}
