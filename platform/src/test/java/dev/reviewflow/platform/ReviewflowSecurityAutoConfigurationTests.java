package dev.reviewflow.platform;

import java.util.List;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.testsupport.JwtAttacks;
import dev.reviewflow.testsupport.JwtAttacks.Attack;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

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
