package dev.reviewflow.web.signin;

import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.reviewflow.web.PageSliceTest;
import dev.reviewflow.web.PageSliceTests;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.util.UriComponentsBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Sign-in through an OpenID Connect provider, here a stub on real HTTP with its own signing key: the authorization
 * code flow with PKCE from {@code /login/oidc} to the handoff, which gives the page the provider's access token once
 * and ends the session.
 */
@PageSliceTest({ SignIn.class, ProviderHandoff.class })
@ImportAutoConfiguration(OAuth2ClientAutoConfiguration.class)
class ProviderSignInTests extends PageSliceTests {

	static final RSAKey KEY = key();

	@DynamicPropertySource
	static void provider(DynamicPropertyRegistry registry) {
		String registration = "spring.security.oauth2.client.registration.reviewflow.";
		registry.add(registration + "client-id", () -> "reviewflow-pages");
		registry.add(registration + "client-authentication-method", () -> "none");
		registry.add(registration + "authorization-grant-type", () -> "authorization_code");
		registry.add(registration + "redirect-uri", () -> "{baseUrl}/login/oauth2/code/{registrationId}");
		registry.add(registration + "scope", () -> "openid,profile");
		registry.add(registration + "provider", () -> "idp");
		String provider = "spring.security.oauth2.client.provider.idp.";
		registry.add(provider + "authorization-uri", () -> upstream.url() + "/authorize");
		registry.add(provider + "token-uri", () -> upstream.url() + "/token");
		registry.add(provider + "jwk-set-uri", () -> upstream.url() + "/jwks");
		registry.add(provider + "user-name-attribute", () -> "sub");
	}

	@Test
	void theCodeFlowWithPkceEndsWithTheAccessTokenHandedToThePageOnce() throws Exception {
		MvcResult started = mvc.perform(get("/login/oidc").param("next", "/me"))
			.andExpect(redirectedUrl("/oauth2/authorization/reviewflow"))
			.andReturn();
		MockHttpSession session = (MockHttpSession) started.getRequest().getSession();

		String authorize = mvc.perform(get("/oauth2/authorization/reviewflow").session(session))
			.andExpect(status().isFound())
			.andReturn().getResponse().getRedirectedUrl();
		assertThat(authorize).startsWith(upstream.url() + "/authorize?");
		Map<String, List<String>> query = UriComponentsBuilder.fromUri(URI.create(authorize)).build().getQueryParams();
		assertThat(query.get("response_type")).containsExactly("code");
		assertThat(query.get("client_id")).containsExactly("reviewflow-pages");
		assertThat(query.get("code_challenge_method")).containsExactly("S256");
		assertThat(query.get("code_challenge").getFirst()).hasSizeGreaterThan(40);
		String state = decoded(query.get("state").getFirst());
		String nonce = decoded(query.get("nonce").getFirst());

		upstream.json("POST", "/token", """
				{"access_token":"provider-access-token","token_type":"Bearer","expires_in":300,"scope":"openid profile",
				 "id_token":"%s"}""".formatted(idToken(nonce)))
			.json("GET", "/jwks", new JWKSet(KEY.toPublicJWK()).toString());
		mvc.perform(get("/login/oauth2/code/reviewflow").param("code", "the-code").param("state", state)
			.session(session))
			.andExpect(redirectedUrl("/login/handoff"));
		assertThat(upstream.requests()).filteredOn(request -> request.target().equals("/token")).singleElement()
			.satisfies(request -> assertThat(request.body()).contains("grant_type=authorization_code",
					"code=the-code", "code_verifier=", "client_id=reviewflow-pages"));

		String handoff = mvc.perform(get("/login/handoff").session(session))
			.andExpect(status().isOk())
			.andReturn().getResponse().getContentAsString();
		assertThat(handoff).contains("id=\"signed-in\"", "data-token=\"provider-access-token\"", "data-next=\"/me\"");
		assertThat(session.isInvalid()).as("the session ends with the handoff").isTrue();
		mvc.perform(get("/login/handoff")).andExpect(redirectedUrl("/login"));
	}

	@Test
	void theSignInPageOffersTheProvider() throws Exception {
		assertThat(mvc.perform(htmx(org.springframework.http.HttpMethod.GET, "/login?next=/moderation"))
			.andReturn().getResponse().getContentAsString())
			.contains("id=\"sign-in-provider\" href=\"/login/oidc?next=/moderation\"")
			.doesNotContain("login-form");
	}

	static String decoded(String value) {
		return java.net.URLDecoder.decode(value, java.nio.charset.StandardCharsets.UTF_8);
	}

	static String idToken(String nonce) throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(upstream.url())
			.subject("alice")
			.audience("reviewflow-pages")
			.issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(300)))
			.claim("nonce", nonce)
			.build();
		SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(KEY.getKeyID()).build(), claims);
		jwt.sign(new RSASSASigner(KEY));
		return jwt.serialize();
	}

	static RSAKey key() {
		try {
			return new RSAKeyGenerator(2048).keyID("stub-provider").generate();
		}
		catch (com.nimbusds.jose.JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
