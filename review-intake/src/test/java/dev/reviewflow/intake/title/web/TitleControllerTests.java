package dev.reviewflow.intake.title.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.intake.IntakeProperties;
import dev.reviewflow.intake.title.Title;
import dev.reviewflow.intake.title.TitleKind;
import dev.reviewflow.intake.title.Titles;
import dev.reviewflow.platform.Page;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.MalformedRequests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The catalogue's HTTP shape in a web slice: the platform's token checks and problem documents, the controller, and
 * {@link Titles} replaced at the feature boundary. No broker, no database.
 */
@WebMvcTest(controllers = TitleController.class, properties = DevelopmentTokens.SERVICE_PROPERTY)
@EnableConfigurationProperties(IntakeProperties.class)
class TitleControllerTests {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Titles titles;

	Http anonymous;

	@BeforeEach
	void clients() {
		anonymous = Http.over(mvc);
	}

	Http as(String subject, String... roles) {
		return anonymous.as(TOKENS.mint(subject, roles));
	}

	static final String DUNE = """
			{"name":"Dune","year":2021,"kind":"MOVIE"}""";

	@Test
	void anAdminAddsATitleAndIsToldItWasCreated() {
		Title dune = new Title("dune-2021", "Dune", 2021, TitleKind.MOVIE, Instant.EPOCH, Instant.EPOCH);
		given(titles.save("dune-2021", "Dune", 2021, TitleKind.MOVIE)).willReturn(new Titles.Saved(dune, true));

		Http.Response response = as("admin", "ADMIN").put("/api/titles/dune-2021", DUNE);

		assertThat(response.status()).as(response.toString()).isEqualTo(201);
		assertThat(response.json().get("name").asString()).isEqualTo("Dune");
	}

	@Test
	void writingTheCatalogueNeedsATokenAndTheAdminRole() {
		Http.Response anonymousPut = anonymous.put("/api/titles/dune-2021", DUNE);
		Http.Response userPut = as("someone", "USER").put("/api/titles/dune-2021", DUNE);
		Http.Response forged = anonymous.as(TOKENS.mint("admin", "ADMIN") + "x").put("/api/titles/dune-2021", DUNE);

		assertThat(List.of(anonymousPut.status(), userPut.status(), forged.status())).containsExactly(401, 403, 401);
		assertThat(List.of(anonymousPut, userPut, forged)).allMatch(Http.Response::isProblem);
		verifyNoInteractions(titles);
	}

	@Test
	void anUnknownTitleIsANotFoundProblemNamingIt() {
		given(titles.find("nope")).willReturn(Optional.empty());

		Http.Response response = anonymous.get("/api/titles/nope");

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().get("detail").asString()).contains("'nope'");
	}

	@Test
	void aTitleWithoutAYearIsRefusedWithTheFieldNamed() {
		Http.Response response = as("admin", "ADMIN").put("/api/titles/dune-2021", """
				{"name":"Dune","kind":"MOVIE"}""");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.isProblem()).isTrue();
		assertThat(response.json().at("/errors/0/field").asString()).isEqualTo("year");
		assertThat(response.json().get("errors").size()).isOne();
		assertThat(response.json().get("detail").asString())
			.isEqualTo("Invalid request parameter(s): year must not be null");
		verifyNoInteractions(titles);
	}

	@Test
	void aPageLargerThanTheLimitIsCutToTheLimit() {
		given(titles.list(anyInt(), anyInt())).willReturn(new Page<>(List.of(), 0, 100, 0));

		Http.Response response = anonymous.get("/api/titles?page=0&size=5000");

		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		verify(titles).list(0, 100);
	}

	/**
	 * Generated malformed catalogue writes (seeded, so every run sends the same ones) and title ids the catalogue
	 * does not allow: each a 4xx problem document, none reaching the catalogue.
	 */
	@Test
	void malformedTitlesAndTitleIdsGetProblemsAndNeverReachTheCatalogue() {
		MalformedRequests generator = new MalformedRequests(20261125L, Map.of(
				"year", new String[] { "\"x\"", "1800", "99999", "[]", "3.5", "\"2012\"" },
				"kind", new String[] { "\"FILM\"", "1", "[]", "{}" },
				"name", new String[] { "\"\"", "\"   \"", "5", "{}", "\"" + "n".repeat(301) + "\"" }));
		List<MalformedRequests.Attempt> attempts = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			attempts.add(generator.attempt("PUT", "/api/titles/dune-2021", DUNE));
			attempts.add(new MalformedRequests.Attempt("PUT", "/api/titles/" + generator.pick("UPPER", "-leading-dash",
					"has_underscore", "x".repeat(65), "sp%20ace", "%C3%A9t%C3%A9", "dots.in.it"), "application/json",
					MalformedRequests.bytes(DUNE), "bad title id"));
			attempts.add(new MalformedRequests.Attempt("GET", "/api/titles?" + generator.pick("page=-1", "size=0",
					"page=abc", "size=1e9"), null, new byte[0], "bad page"));
		}
		Http admin = as("admin", "ADMIN");

		MalformedRequests.assertAllRefused(attempts, attempt -> admin);

		verifyNoInteractions(titles);
	}
}
