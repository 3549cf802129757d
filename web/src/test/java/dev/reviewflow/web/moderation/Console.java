package dev.reviewflow.web.moderation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import dev.reviewflow.web.Upstream;
import org.jspecify.annotations.Nullable;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

/**
 * What the console's slice tests share: tokens, the title every case is about as review-intake serves it (on
 * {@link Upstream}), the rendered page as a document, and what the page sent.
 */
final class Console {

	static final String TITLE_ID = "dont-look-up-2021";

	/** The title's name as the console shows it, unlike the templates' placeholder. */
	static final String TITLE_NAME = "Don't Look Up (2021)";

	private final MockMvc mvc;

	private final Upstream upstream;

	Console(MockMvc mvc, Upstream upstream) {
		this.mvc = mvc;
		this.upstream = upstream;
		upstream.json("GET", "/api/titles/" + TITLE_ID, """
				{"titleId":"%s","name":"Don't Look Up","year":2021,"kind":"MOVIE"}""".formatted(TITLE_ID));
	}

	/**
	 * An {@code Authorization} header naming the user and roles, as the pages read it (for display; its signature is
	 * the services' business).
	 */
	static String token(String subject, String... roles) {
		String claims = "{\"sub\":\"" + subject + "\",\"roles\":[" + String.join(",",
				java.util.Arrays.stream(roles).map(role -> "\"" + role + "\"").toList()) + "],\"exp\":4102444800}";
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return "Bearer " + base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".signature";
	}

	/** The answer to htmx's request (HX-Request: true) with the Authorization header, if any, and its HTML. */
	Answer htmx(MockHttpServletRequestBuilder request, @Nullable String authorization) throws Exception {
		request.header("HX-Request", "true");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		MvcResult result = mvc.perform(request).andReturn();
		String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		return new Answer(result.getResponse().getStatus(), html, Jsoup.parseBodyFragment(html));
	}

	/** The requests the page made of the services, in order. */
	List<Upstream.Request> requests() {
		return upstream.requests();
	}

	record Answer(int status, String html, Document page) {

		String text(String selector) {
			return page.select(selector).text();
		}
	}
}
