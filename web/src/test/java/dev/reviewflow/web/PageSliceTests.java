package dev.reviewflow.web;

import java.util.Arrays;
import java.util.Base64;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

/** What every page slice test has: the stub services, MockMvc, and requests as htmx sends them. */
public abstract class PageSliceTests {

	protected static final Upstream upstream = Upstream.shared();

	private static final JsonMapper PROBLEMS = JsonMapper.builder().build();

	@Autowired
	protected MockMvc mvc;

	@DynamicPropertySource
	static void services(DynamicPropertyRegistry registry) {
		upstream.standIn(registry);
	}

	@BeforeEach
	void resetUpstream() {
		upstream.reset();
	}

	/** A request as htmx makes it ({@code HX-Request: true}), with the page's token if one is given. */
	protected static MockHttpServletRequestBuilder htmx(HttpMethod method, String path, String... token) {
		MockHttpServletRequestBuilder request = request(method, path).header("HX-Request", "true");
		if (token.length > 0) {
			request.header("Authorization", "Bearer " + token[0]);
		}
		return request;
	}

	/** An unsigned token with these claims (the pages only read it; the services check it). */
	protected static String token(String subject, String... roles) {
		String claims = "{\"sub\":\"" + subject + "\",\"roles\":["
				+ String.join(",", Arrays.stream(roles).map(role -> "\"" + role + "\"").toList())
				+ "],\"exp\":4102444800}";
		Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
		return base64.encodeToString("{\"alg\":\"HS256\"}".getBytes()) + "."
				+ base64.encodeToString(claims.getBytes()) + ".signature";
	}

	/**
	 * A problem document as the services write one (RFC 9457); {@code fieldsAndMessages} alternate a field's name and
	 * its complaint, listed under {@code errors} as the services' validation lists them.
	 */
	protected static String problem(int status, String detail, String... fieldsAndMessages) {
		ObjectNode problem = PROBLEMS.createObjectNode()
			.put("type", "about:blank")
			.put("title", HttpStatus.valueOf(status).getReasonPhrase())
			.put("status", status)
			.put("detail", detail);
		if (fieldsAndMessages.length > 0) {
			ArrayNode errors = problem.putArray("errors");
			for (int i = 0; i + 1 < fieldsAndMessages.length; i += 2) {
				errors.addObject().put("field", fieldsAndMessages[i]).put("message", fieldsAndMessages[i + 1]);
			}
		}
		return PROBLEMS.writeValueAsString(problem);
	}
}
