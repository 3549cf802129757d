package dev.reviewflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import dev.reviewflow.devtokens.DevelopmentTokens;
import org.assertj.core.api.SoftAssertions;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Forged, stale and malformed bearer tokens for a caller who would otherwise be let in: each must be answered 401
 * problem+json, while the honest token (and one just expired, within the 30 s clock skew) still works.
 */
public final class JwtAttacks {

	private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

	private JwtAttacks() {
	}

	/** A named token. */
	public record Attack(String name, String token) {
	}

	/** Every attack on a token for {@code subject} with {@code roles}. */
	public static List<Attack> on(String subject, String... roles) {
		DevelopmentTokens local = DevelopmentTokens.local();
		List<String> granted = List.of(roles);
		Instant now = Instant.now();
		String honest = local.mint(subject, granted, claims -> {
		});
		List<Attack> attacks = new ArrayList<>();
		attacks.add(new Attack("expired two minutes ago", local.mint(subject, granted,
				claims -> claims.issuedAt(now.minus(Duration.ofHours(1))).expiresAt(now.minus(Duration.ofMinutes(2))))));
		attacks.add(new Attack("without exp", local.mint(subject, granted,
				claims -> claims.claims(all -> all.remove(JwtClaimNames.EXP)))));
		attacks.add(new Attack("not valid for another five minutes", local.mint(subject, granted,
				claims -> claims.notBefore(now.plus(Duration.ofMinutes(5))))));
		attacks.add(new Attack("another issuer", local.mint(subject, granted, claims -> claims.issuer("someone-else"))));
		attacks.add(new Attack("another audience", local.mint(subject, granted,
				claims -> claims.audience(List.of("another-service")))));
		attacks.add(new Attack("without aud", local.mint(subject, granted,
				claims -> claims.claims(all -> all.remove(JwtClaimNames.AUD)))));
		attacks.add(new Attack("signed with another key",
				new DevelopmentTokens("a-secret-that-is-not-the-services-0123456789").mint(subject, roles)));
		attacks.add(new Attack("alg none", unsigned(honest)));
		attacks.add(new Attack("payload changed after signing", withPayloadOf(honest,
				local.mint(subject, List.of("USER", "CRITIC", "MODERATOR", "ADMIN"), claims -> {
				}))));
		attacks.add(new Attack("RS256 with a key of its own", rs256(subject, granted)));
		attacks.add(new Attack("roles as a string", local.mint(subject, granted,
				claims -> claims.claim("roles", String.join(" ", granted)))));
		attacks.add(new Attack("10 KB long", local.mint(subject, granted,
				claims -> claims.claim("padding", "x".repeat(10_000)))));
		attacks.add(new Attack("not a JWT", "not-a-jwt"));
		return attacks;
	}

	/**
	 * Calls {@code call} with each attack and asserts 401 problem+json; calls it with the honest token and with one
	 * that expired 10 s ago (inside the allowed clock skew) and asserts {@code honestStatus} for both.
	 */
	public static void assertRefused(Function<String, Http.Response> call, int honestStatus, String subject,
			String... roles) {
		DevelopmentTokens local = DevelopmentTokens.local();
		SoftAssertions softly = new SoftAssertions();
		Http.Response honest = call.apply(local.mint(subject, List.of(roles), claims -> {
		}));
		softly.assertThat(honest.status()).as("the honest token: %s", honest).isEqualTo(honestStatus);
		Http.Response skewed = call.apply(local.mint(subject, List.of(roles),
				claims -> claims.issuedAt(Instant.now().minusSeconds(600)).expiresAt(Instant.now().minusSeconds(10))));
		softly.assertThat(skewed.status()).as("a token expired 10 s ago (clock skew): %s", skewed)
			.isEqualTo(honestStatus);
		for (Attack attack : on(subject, roles)) {
			Http.Response response = call.apply(attack.token());
			softly.assertThat(response.status()).as("%s: %s", attack.name(), response).isEqualTo(401);
			softly.assertThat(response.isProblem()).as("%s answered with problem+json", attack.name()).isTrue();
		}
		softly.assertAll();
	}

	/** The same claims with {@code "alg": "none"} and no signature. */
	private static String unsigned(String token) {
		String header = URL.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
		return header + "." + token.split("\\.")[1] + ".";
	}

	/** The header and signature of {@code signed} around the payload of {@code other}. */
	private static String withPayloadOf(String signed, String other) {
		String[] parts = signed.split("\\.");
		return parts[0] + "." + other.split("\\.")[1] + "." + parts[2];
	}

	private static String rs256(String subject, List<String> roles) {
		try {
			RSAKey key = new RSAKeyGenerator(2048).keyID("attacker").generate();
			NimbusJwtEncoder encoder = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
			Instant now = Instant.now();
			JwtClaimsSet claims = JwtClaimsSet.builder()
				.issuer(DevelopmentTokens.ISSUER)
				.audience(List.of(DevelopmentTokens.AUDIENCE))
				.subject(subject)
				.issuedAt(now)
				.expiresAt(now.plus(Duration.ofHours(1)))
				.claim("roles", roles)
				.build();
			return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
				.getTokenValue();
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
