package dev.reviewflow.moderation.audit.web;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.moderation.audit.AuditEntry;
import dev.reviewflow.moderation.audit.AuditLog;
import dev.reviewflow.moderation.policy.ModerationProperties;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;

/** The audit log's HTTP shape in a web slice, with the log replaced. */
@WebMvcTest(controllers = AuditController.class, properties = DevelopmentTokens.SERVICE_PROPERTY)
@EnableConfigurationProperties(ModerationProperties.class)
class AuditWebTests {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	AuditLog audit;

	@Test
	void moderatorsReadOneReviewsEntriesPageByPage() {
		UUID reviewId = UUID.randomUUID();
		AuditEntry entry = new AuditEntry(9, Instant.parse("2026-11-20T10:00:00Z"), "MODERATOR", "mod-a", "DECIDED",
				reviewId, null, 3, List.of("held case KEEP: fine"), "revision 1 → PUBLISHED");
		given(audit.entries(reviewId, 10, 5)).willReturn(List.of(entry));
		given(audit.count(reviewId)).willReturn(11L);

		Http.Response page = Http.over(mvc).as(TOKENS.mint("mod", "MODERATOR"))
			.get("/api/moderation/audit?reviewId=" + reviewId + "&page=2&size=5");

		assertThat(page.status()).as(page.toString()).isEqualTo(200);
		assertThat(page.json().get("items").get(0).get("action").asString()).isEqualTo("DECIDED");
		assertThat(page.json().get("items").get(0).get("actorId").asString()).isEqualTo("mod-a");
		assertThat(page.json().get("totalItems").asLong()).isEqualTo(11);
	}

	@Test
	void theLogIsForModeratorsAndPagesAreBounded() {
		Http.Response user = Http.over(mvc).as(TOKENS.mint("someone", "USER")).get("/api/moderation/audit");
		Http.Response tooBig = Http.over(mvc).as(TOKENS.mint("mod", "MODERATOR")).get("/api/moderation/audit?size=201");

		assertThat(user.status()).isEqualTo(403);
		assertThat(tooBig.status()).isEqualTo(400);
		assertThat(tooBig.isProblem()).isTrue();
		verifyNoInteractions(audit);
	}
}
