package dev.reviewflow.platform;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.testsupport.JwtAttacks;
import dev.reviewflow.testsupport.JwtAttacks.Attack;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** No service starts without a way to check tokens, and none knows a secret of its own. */
class ReviewflowSecurityAutoConfigurationTests {

	final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, OAuth2ResourceServerAutoConfiguration.class,
				ReviewflowSecurityAutoConfiguration.class));

	@Test
	void withoutASecretOrAnIssuerTheServiceDoesNotStartAndSaysWhatToSet() {
		runner.run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause()
				.hasMessageContaining("reviewflow.security.jwt-secret")
				.hasMessageContaining("REVIEWFLOW_SECURITY_JWT_SECRET")
				.hasMessageContaining("spring.security.oauth2.resourceserver.jwt.issuer-uri");
		});
	}

	@Test
	void aShortSecretIsRefused() {
		runner.withPropertyValues("reviewflow.security.jwt-secret=too-short").run(context -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("at least 32 bytes");
		});
	}

	@Test
	void anIssuerTakesOverWithoutASecret() {
		runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.issuer-uri=https://login.example.org/realms/reviewflow")
			.run(context -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(JwtDecoder.class)).isNotInstanceOf(NimbusJwtDecoder.class);
			});
	}

	/** With a provider's public key (or a JWK set) and no issuer URI, our issuer, audience and expiry still count. */
	@Test
	void aPublicKeyChecksIssuerAudienceExpiryAndRolesToo(@TempDir Path folder) throws Exception {
		RSAKey key = new RSAKeyGenerator(2048).generate();
		Path publicKey = folder.resolve("key.pem");
		Files.writeString(publicKey, "-----BEGIN PUBLIC KEY-----\n"
				+ Base64.getMimeEncoder().encodeToString(key.toRSAPublicKey().getEncoded()) + "\n-----END PUBLIC KEY-----\n");
		NimbusJwtEncoder provider = new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(key)));
		runner.withPropertyValues("spring.security.oauth2.resourceserver.jwt.public-key-location=file:" + publicKey)
			.run(context -> {
				JwtDecoder decoder = context.getBean(JwtDecoder.class);
				assertThat(decoder.decode(rs256(provider, claims -> {
				})).getSubject()).isEqualTo("alice");
				Map<String, Consumer<JwtClaimsSet.Builder>> refused = Map.of(
						"another issuer", claims -> claims.issuer("someone-else"),
						"another audience", claims -> claims.audience(List.of("another-service")),
						"no exp", claims -> claims.claims(all -> all.remove("exp")),
						"roles as a string", claims -> claims.claim("roles", "USER ADMIN"));
				refused.forEach((name, change) -> assertThatExceptionOfType(JwtException.class).as(name)
					.isThrownBy(() -> decoder.decode(rs256(provider, change))));
			});
	}

	static String rs256(NimbusJwtEncoder encoder, Consumer<JwtClaimsSet.Builder> change) {
		Instant now = Instant.now();
		JwtClaimsSet.Builder claims = JwtClaimsSet.builder()
			.issuer(DevelopmentTokens.ISSUER)
			.audience(List.of(DevelopmentTokens.AUDIENCE))
			.subject("alice")
			.issuedAt(now)
			.expiresAt(now.plusSeconds(600))
			.claim("roles", List.of("USER"));
		change.accept(claims);
		return encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims.build()))
			.getTokenValue();
	}

	@Test
	void theSecretChecksSignatureExpiryIssuerAudienceAndTheShapeOfRoles() {
		runner.withPropertyValues(DevelopmentTokens.SERVICE_PROPERTY).run(context -> {
			JwtDecoder decoder = context.getBean(JwtDecoder.class);
			Jwt honest = decoder.decode(DevelopmentTokens.local().mint("alice", "USER", "CRITIC"));
			assertThat(honest.getSubject()).isEqualTo("alice");
			assertThat(honest.getClaimAsStringList("roles")).containsExactly("USER", "CRITIC");
			// all but the oversized token, which the bearer token resolver refuses before the decoder sees it
			List<Attack> attacks = JwtAttacks.on("alice", "USER").stream()
				.filter(attack -> !attack.name().equals("10 KB long"))
				.toList();
			for (Attack attack : attacks) {
				assertThatExceptionOfType(JwtException.class).as(attack.name())
					.isThrownBy(() -> decoder.decode(attack.token()));
			}
		});
	}
}
