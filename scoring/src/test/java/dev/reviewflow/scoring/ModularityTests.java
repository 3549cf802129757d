package dev.reviewflow.scoring;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

	@Test
	void featureModulesOnlyUseEachOthersPublicApi() {
		ApplicationModules.of(ScoringApplication.class).verify();
	}
}
