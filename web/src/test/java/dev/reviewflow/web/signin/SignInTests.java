package dev.reviewflow.web.signin;

import dev.reviewflow.web.PageSliceTest;
import dev.reviewflow.web.PageSliceTests;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Local mode's sign-in on the pages' origin: only a request that names this machine in Host (and, from a browser,
 * comes from this origin) reaches the token minter, here the stub; where to go afterwards is a path of this site.
 */
@PageSliceTest(SignIn.class)
class SignInTests extends PageSliceTests {

	static final String MINTED = "{\"token\":\"minted.token.value\",\"sub\":\"alice\",\"roles\":[\"USER\"]}";

	@DynamicPropertySource
	static void minter(DynamicPropertyRegistry registry) {
		registry.add("reviewflow.web.development-tokens", () -> upstream.url() + "/dev/tokens");
	}

	@Test
	void aPageOfThisOriginSignsInAndIsSentOnToAPathOfThisSite() throws Exception {
		upstream.json("POST", "/dev/tokens", MINTED);
		mvc.perform(htmx(HttpMethod.POST, "/login/development").header("Host", "localhost:80")
			.header("Origin", "http://localhost:80")
			.param("sub", " alice ").param("roles", "USER").param("next", "/me"))
			.andExpect(status().isOk())
			.andExpect(header().string("HX-Trigger",
					"{\"signed-in\":{\"token\":\"minted.token.value\",\"next\":\"/me\"}}"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("Signed in as alice.")));
		assertThat(upstream.requests()).singleElement().satisfies(request -> assertThat(request.body())
			.isEqualTo("{\"sub\":\"alice\",\"roles\":[\"USER\"],\"topCritic\":false}"));

		for (String elsewhere : new String[] { "//evil.example/", "\\\\evil.example", "https://evil.example/",
				"/\t/evil.example", "/\\evil.example" }) {
			mvc.perform(htmx(HttpMethod.POST, "/login/development").header("Host", "localhost:80")
				.param("sub", "alice").param("roles", "USER").param("next", elsewhere))
				.andExpect(header().string("HX-Trigger", org.hamcrest.Matchers.endsWith("\"next\":\"/\"}}")));
		}
	}

	/** A page elsewhere that reaches 8080 (a form post, DNS rebinding) gets no token, and the minter hears nothing. */
	@Test
	void anotherHostOrOriginGetsNoToken() throws Exception {
		upstream.json("POST", "/dev/tokens", MINTED);
		mvc.perform(post("/dev/tokens").header("Host", "evil.example:80").contentType("application/json")
			.content("{\"sub\":\"mallory\",\"roles\":[\"ADMIN\"]}"))
			.andExpect(status().isForbidden())
			.andExpect(header().string("Content-Type", "application/problem+json"))
			.andExpect(content().string(org.hamcrest.Matchers.containsString("only for pages and tools on this machine")));
		mvc.perform(post("/dev/tokens").header("Host", "localhost:80").header("Origin", "http://evil.example")
			.contentType("application/json").content("{\"sub\":\"mallory\",\"roles\":[\"ADMIN\"]}"))
			.andExpect(status().isForbidden());
		String form = mvc.perform(htmx(HttpMethod.POST, "/login/development").header("Host", "evil.example:80")
			.param("sub", "mallory").param("roles", "ADMIN"))
			.andExpect(header().doesNotExist("HX-Trigger"))
			.andReturn().getResponse().getContentAsString();
		assertThat(form).contains("only for pages and tools on this machine");
		assertThat(upstream.requests()).isEmpty();

		mvc.perform(post("/dev/tokens").header("Host", "localhost:80").contentType("application/json")
			.content("{\"sub\":\"alice\",\"roles\":[\"USER\"]}"))
			.andExpect(status().isOk())
			.andExpect(content().json(MINTED));
		assertThat(upstream.requests()).hasSize(1);
	}

	/** Nothing reads a body larger than the pages take (a chunked one: {@code BodyLimitTest}). */
	@Test
	void aLargeBodyIsRefusedBeforeAnythingReadsIt() throws Exception {
		String large = "{\"sub\":\"" + "a".repeat(70 * 1024) + "\",\"roles\":[\"USER\"]}";
		mvc.perform(post("/dev/tokens").header("Host", "localhost:80").contentType("application/json").content(large))
			.andExpect(status().isPayloadTooLarge())
			.andExpect(header().string("Content-Type", "application/problem+json"));
		assertThat(upstream.requests()).isEmpty();
	}

	@Test
	void theMintersRefusalIsShownNextToTheForm() throws Exception {
		upstream.problem("POST", "/dev/tokens", 400,
				"{\"status\":400,\"detail\":\"Give a non-empty 'sub' and 'roles' from [USER, CRITIC, MODERATOR, ADMIN].\"}");
		String form = mvc.perform(htmx(HttpMethod.POST, "/login/development").header("Host", "localhost:80")
			.param("sub", "").param("next", "/"))
			.andReturn().getResponse().getContentAsString();
		assertThat(form).contains("class=\"problem\"", "Give a non-empty &#39;sub&#39; and &#39;roles&#39;");
	}
}
