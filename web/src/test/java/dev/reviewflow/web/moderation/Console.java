package dev.reviewflow.web.moderation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.reviewflow.web.api.Api;
import dev.reviewflow.web.api.Services.Apis;
import dev.reviewflow.web.titles.Title;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** What the console's slice tests share: tokens, the services' stand-ins, the rendered page as a document. */
final class Console {

	static final String TITLE_ID = "wont-back-down-2012";

	final Api moderation = mock(Api.class);

	final Api reviewIntake = mock(Api.class);

	private final MockMvc mvc;

	Console(MockMvc mvc, Apis apis) {
		this.mvc = mvc;
		given(apis.moderation()).willReturn(moderation);
		given(apis.reviewIntake()).willReturn(reviewIntake);
		given(reviewIntake.get(null, Title.class, "/api/titles/{titleId}", TITLE_ID))
			.willReturn(new Title(TITLE_ID, "Won't Back Down", 2012, "MOVIE"));
	}

	/**
	 * A bearer token naming the user and roles, as the pages read it (for display; its signature is the services'
	 * business, and they are stand-ins here).
	 */
	static String token(String subject, String... roles) {
		String claims = "{\"sub\":\"" + subject + "\",\"roles\":[" + String.join(",",
				java.util.Arrays.stream(roles).map(role -> "\"" + role + "\"").toList()) + "]}";
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return "Bearer " + base64.encodeToString("{\"alg\":\"HS256\"}".getBytes(StandardCharsets.UTF_8)) + "."
				+ base64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".signature";
	}

	/** The answer to htmx's request (HX-Request: true) with the token, and its HTML. */
	Answer htmx(MockHttpServletRequestBuilder request, String authorization) throws Exception {
		request.header("HX-Request", "true");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		MvcResult result = mvc.perform(request).andReturn();
		String html = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
		return new Answer(result.getResponse().getStatus(), html, Jsoup.parseBodyFragment(html));
	}

	record Answer(int status, String html, Document page) {

		String text(String selector) {
			return page.select(selector).text();
		}
	}
}
