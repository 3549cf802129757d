package dev.reviewflow.platform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import com.nimbusds.jose.jwk.source.ImmutableSecret;

import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/** Mints HS256 development tokens that the services accept in local mode and in tests. */
public final class DevelopmentTokens {

	/** The local-mode secret (architecture §4). Never use it outside a developer's machine. */
	public static final String LOCAL_SECRET = "reviewflow-local-development-secret-0123456789";

	public static final String ISSUER = "reviewflow-local";

	private final NimbusJwtEncoder encoder;

	public DevelopmentTokens(String secret) {
		this.encoder = new NimbusJwtEncoder(new ImmutableSecret<>(key(secret)));
	}

	/** The signing key of a secret. */
	public static SecretKey key(String secret) {
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

	/** A token for {@code subject} with the given roles, valid for {@code validity}. */
	public String mint(String subject, Collection<String> roles, boolean topCritic, Duration validity) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(ISSUER)
			.subject(subject)
			.issuedAt(now)
			.expiresAt(now.plus(validity))
			.claim("roles", List.copyOf(roles));
		if (topCritic) {
			claims.claim("topCritic", true);
		}
		return encoder
			.encode(JwtEncoderParameters.from(JwsHeader.with(MacAlgorithm.HS256).build(), claims.build()))
			.getTokenValue();
	}

	/** A token valid for 12 hours. */
	public String mint(String subject, String... roles) {
		return mint(subject, List.of(roles), false, Duration.ofHours(12));
	}
}
