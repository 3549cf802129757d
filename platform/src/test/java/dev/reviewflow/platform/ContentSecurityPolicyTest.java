package dev.reviewflow.platform;

import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ContentSecurityPolicyTest {

	@Test
	void pagesAllowScriptsOnlyFromTheirOwnOriginAndNeverInline() {
		assertThat(ContentSecurityPolicy.PAGES).isEqualTo("default-src 'self'; script-src 'self'; style-src 'self'; "
				+ "img-src 'self'; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
				+ "form-action 'self'; frame-ancestors 'none'");
		assertThat(ContentSecurityPolicy.API_DOCS).contains("script-src 'self';")
			.contains("style-src 'self' 'unsafe-inline';")
			.contains("frame-ancestors 'none'");
	}

	@Test
	void swaggerUiGetsItsOwnPolicyAndEverythingElseThePagesOne() {
		assertThat(written("/swagger-ui/index.html")).isEqualTo(ContentSecurityPolicy.API_DOCS);
		assertThat(written("/")).isEqualTo(ContentSecurityPolicy.PAGES);
		assertThat(written("/api/titles/x/score")).isEqualTo(ContentSecurityPolicy.PAGES);
		assertThat(written("/swagger-ui.html")).isEqualTo(ContentSecurityPolicy.PAGES);
	}

	@Test
	void aResponseThatNamesItsOwnPolicyKeepsIt() {
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setHeader(ContentSecurityPolicy.HEADER, "default-src 'none'");
		ContentSecurityPolicy.headerWriter().writeHeaders(new MockHttpServletRequest("GET", "/"), response);
		assertThat(response.getHeaders(ContentSecurityPolicy.HEADER)).containsExactly("default-src 'none'");
	}

	@Test
	void otherOriginsAreAddedToConnectSrcAsSchemeHostAndPortOnly() {
		assertThat(ContentSecurityPolicy.pagesConnectingTo(URI.create("http://LocalHost:8081/intake?x=1")))
			.contains("; connect-src 'self' http://localhost:8081; ")
			.contains("script-src 'self';");
		assertThat(ContentSecurityPolicy.pagesConnectingTo(URI.create("https://reviews.example.org")))
			.contains("; connect-src 'self' https://reviews.example.org; ");
		for (String bad : new String[] { "/relative", "javascript:alert(1)", "ftp://host", "http://a;b" }) {
			assertThatIllegalArgumentException().as(bad)
				.isThrownBy(() -> ContentSecurityPolicy.pagesConnectingTo(URI.create(bad)));
		}
	}

	static String written(String path) {
		MockHttpServletResponse response = new MockHttpServletResponse();
		ContentSecurityPolicy.headerWriter().writeHeaders(new MockHttpServletRequest("GET", path), response);
		return response.getHeader(ContentSecurityPolicy.HEADER);
	}
}
