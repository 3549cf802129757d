package dev.reviewflow.intake;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Writes review-intake's module diagrams and canvases (Spring Modulith's {@link Documenter}) into
 * {@code target/spring-modulith-docs}, the source of the shape the README shows.
 */
class DocumentationTests {

	static final Path DOCS = Path.of("target", "spring-modulith-docs");

	@Test
	void writesTheModuleDiagramsAndCanvases() throws IOException {
		new Documenter(ApplicationModules.of(IntakeApplication.class)).writeDocumentation();

		assertThat(DOCS.resolve("components.puml")).exists();
		for (String module : new String[] { "title", "review", "rating", "policy" }) {
			assertThat(DOCS.resolve("module-" + module + ".puml")).exists();
			assertThat(DOCS.resolve("module-" + module + ".adoc")).exists();
		}
		// the rating feature reacts to what happens to reviews, in-process
		assertThat(Files.readString(DOCS.resolve("module-rating.adoc"))).contains("ReviewRated", "ReviewTakenDown",
				"ReviewReinstated");
	}
}
