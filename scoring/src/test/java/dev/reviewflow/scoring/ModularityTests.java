package dev.reviewflow.scoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

import static org.assertj.core.api.Assertions.assertThat;

/** scoring's packages are Spring Modulith modules with the dependencies their {@code package-info} allows. */
class ModularityTests {

	static final ApplicationModules MODULES = ApplicationModules.of(ScoringApplication.class);

	@Test
	void featureModulesOnlyUseEachOthersPublicApi() {
		MODULES.verify();
	}

	/**
	 * The shape the README draws: pure formulas at the bottom, the topology on them, its Spring wiring and the reads
	 * beside it, the stream and the HTTP API on top; nothing reaches the other way.
	 */
	@Test
	void eachModuleDependsOnlyOnTheModulesBelowIt() {
		Map<String, Set<String>> dependencies = MODULES.stream()
			.collect(Collectors.toMap(ApplicationModule::getName, module -> module.getDirectDependencies(MODULES)
				.uniqueModules()
				.map(ApplicationModule::getName)
				.collect(Collectors.toSet())));

		assertThat(dependencies).containsOnly(Map.entry("formula", Set.of()),
				Map.entry("topology", Set.of("formula")), Map.entry("streams", Set.of("topology")),
				Map.entry("query", Set.of("topology")), Map.entry("live", Set.of("query")),
				Map.entry("web", Set.of("query", "live")), Map.entry("dashboard", Set.of()),
				Map.entry("replay", Set.of("topology")));
	}

	/** Spring Modulith's Documenter writes the module diagrams and canvases (into target/spring-modulith-docs). */
	@Test
	void theModuleCanvasesAreWritten() throws IOException {
		Path output = Path.of("target", "spring-modulith-docs");
		new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(output.toString()))
			.writeModulesAsPlantUml()
			.writeIndividualModulesAsPlantUml()
			.writeModuleCanvases();

		try (Stream<Path> files = Files.list(output)) {
			assertThat(files.map(file -> file.getFileName().toString())).contains("components.puml",
					"module-topology.puml", "module-query.adoc", "module-formula.adoc", "module-web.adoc");
		}
		assertThat(Files.readString(output.resolve("module-query.adoc"))).contains("ScoreQueries", "ClusterScores");
		assertThat(Files.readString(output.resolve("components.puml"))).contains("Topology", "Formula", "Live", "Query", "Web");
	}
}
