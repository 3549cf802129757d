package dev.reviewflow.scoring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.testsupport.RealInfrastructure;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The one scoring application every integration test class shares (Spring's test context cache starts it once): a
 * real broker, the whole service on a random port, state in a folder of its own. Test classes add nothing to it (no
 * {@code @MockitoBean}, no properties of their own), so they all run on the same context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.kafka.streams.state-dir=${java.io.tmpdir}/scoring-it-${random.uuid}",
				// small caps and a quick heartbeat, so the stream limits can be reached and freed in a test
				"reviewflow.scoring.live.max-streams-per-client=2", "reviewflow.scoring.live.max-streams=4",
				"reviewflow.scoring.live.heartbeat=500ms",
				// a stream for all titles starts with the first three titles by id
				"reviewflow.scoring.live.snapshot-titles=3", DevelopmentTokens.SERVICE_PROPERTY })
@Import(RealInfrastructure.class)
public @interface ScoringIntegrationTest {
}
