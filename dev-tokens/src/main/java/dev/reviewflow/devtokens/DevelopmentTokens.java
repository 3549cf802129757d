package dev.reviewflow.devtokens;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * Mints HS256 development tokens as local mode and the tests expect them: issuer {@value #ISSUER}, audience
 * {@value #AUDIENCE}, an expiry, and the {@code roles} claim.
 */
public final class DevelopmentTokens {

	/** The local-mode secret (architecture §4). Never use it outside a developer's machine. */
	public static final String LOCAL_SECRET = "reviewflow-local-development-secret-0123456789";

	public static final String ISSUER = "reviewflow-local";

	public static final String AUDIENCE = "reviewflow";

	/** The property, with its value, that makes a service accept these tokens (tests put it in @SpringBootTest). */
	public static final String SERVICE_PROPERTY = "reviewflow.security.jwt-secret=" + LOCAL_SECRET;

	private final NimbusJwtEncoder encoder;

	public DevelopmentTokens(String secret) {
		this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key(secret)));
	}

	/** The HS256 signing key of a secret. */
	public static SecretKey key(String secret) {
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/** Tokens signed with {@link #LOCAL_SECRET}. */
	public static DevelopmentTokens local() {
		return new DevelopmentTokens(LOCAL_SECRET);
	}

	/** A token for {@code subject} with the given roles, valid for {@code validity}. */
	public String mint(String subject, Collection<String> roles, boolean topCritic, Duration validity) {
		return mint(subject, roles, claims -> {
			claims.expiresAt(Instant.now().plus(validity));
			if (topCritic) {
				claims.claim("topCritic", true);
			}
		});
	}

	/** A token valid for 12 hours. */
	public String mint(String subject, String... roles) {
		return mint(subject, List.of(roles), false, Duration.ofHours(12));
	}

	/**
	 * A token with the usual claims (issuer, audience, subject, roles, issued now, expiring in an hour), changed by
	 * {@code adjust} before signing: tests use it to take a claim away or set one wrong.
	 */
	public String mint(String subject, Collection<String> roles, Consumer<JwtClaimsSet.Builder> adjust) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.audience(List.of(AUDIENCE))
			.subject(subject)
			.issuedAt(now)
			.expiresAt(now.plus(Duration.ofHours(1)))
			.claim("roles", List.copyOf(roles));
		adjust.accept(claims);
		return encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}
}
