package dev.reviewflow.web;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/** What every page slice test has: the stub services, MockMvc, and requests as htmx sends them. */
public abstract class PageSliceTests {

	protected static final Upstream upstream = Upstream.shared();

	@Autowired
	protected MockMvc mvc;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		registry.add("reviewflow.web.review-intake", upstream::url);
		registry.add("reviewflow.web.moderation", upstream::url);
		registry.add("reviewflow.web.scoring", upstream::url);
	}

	@BeforeEach
	void resetUpstream() {
		upstream.reset();
	}

	/** A request as htmx makes it ({@code HX-Request: true}), with the page's token if one is given. */
	protected static MockHttpServletRequestBuilder htmx(org.springframework.http.HttpMethod method, String path,
			String... token) {
		MockHttpServletRequestBuilder request = request(method, path).header("HX-Request", "true");
		if (token.length > 0) {
			request.header("Authorization", "Bearer " + token[0]);
		}
		return request;
	}

	/** An unsigned token with these claims (the pages only read it; the services check it). */
	protected static String token(String subject, String... roles) {
		String claims = "{\"sub\":\"" + subject + "\",\"roles\":[" + String.join(",",
				java.util.Arrays.stream(roles).map(role -> "\"" + role + "\"").toList()) + "],\"exp\":4102444800}";
		java.util.Base64.Encoder base64 = java.util.Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"alg\":\"HS256\"}".getBytes()) + "."
				+ base64.encodeToString(claims.getBytes()) + ".signature";
	}
}
