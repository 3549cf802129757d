package dev.reviewflow.moderation.vote.web;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.Vote;
import dev.reviewflow.moderation.review.UnknownReview;
import dev.reviewflow.moderation.vote.OwnReviewVote;
import dev.reviewflow.moderation.vote.ReviewNotVotable;
import dev.reviewflow.moderation.vote.Votes;
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
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;

/** The vote feature's HTTP shape in a web slice, with {@link Votes} replaced. */
@WebMvcTest(controllers = VoteController.class, properties = DevelopmentTokens.SERVICE_PROPERTY)
@EnableConfigurationProperties(ModerationProperties.class)
class VoteWebTests {

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	@Autowired
	MockMvc mvc;

	@MockitoBean
	Votes votes;

	final UUID reviewId = UUID.randomUUID();

	Http voter() {
		return Http.over(mvc).as(TOKENS.mint("voter", "USER"));
	}

	@Test
	void aVoteIsAcceptedAndEchoed() {
		Http.Response accepted = voter().put("/api/reviews/" + reviewId + "/vote", "{\"helpful\":false}");

		assertThat(accepted.status()).isEqualTo(202);
		assertThat(accepted.json().get("reviewId").asString()).isEqualTo(reviewId.toString());
		assertThat(accepted.json().get("helpful").asBoolean()).isFalse();
		verify(votes).vote(reviewId, "voter", Vote.NOT_HELPFUL);
	}

	@Test
	void aRetractedVoteIsNoVote() {
		Http.Response retracted = voter().delete("/api/reviews/" + reviewId + "/vote");

		assertThat(retracted.status()).isEqualTo(202);
		assertThat(retracted.json().get("helpful").isNull()).isTrue();
		verify(votes).retract(reviewId, "voter");
	}

	@Test
	void theVotersCurrentVoteIsRead() {
		given(votes.current(reviewId, "voter")).willReturn(Optional.of(Vote.HELPFUL));

		assertThat(voter().get("/api/reviews/" + reviewId + "/vote").json().get("helpful").asBoolean()).isTrue();
	}

	@Test
	void eachRefusalIsTheProblemClientsKnow() {
		UUID own = UUID.randomUUID();
		UUID held = UUID.randomUUID();
		willThrow(new OwnReviewVote()).given(votes).vote(own, "voter", Vote.HELPFUL);
		willThrow(new ReviewNotVotable(ReviewStatus.HELD)).given(votes).vote(held, "voter", Vote.HELPFUL);
		willThrow(new UnknownReview(reviewId)).given(votes).vote(reviewId, "voter", Vote.HELPFUL);

		Http.Response forbidden = voter().put("/api/reviews/" + own + "/vote", "{\"helpful\":true}");
		Http.Response conflict = voter().put("/api/reviews/" + held + "/vote", "{\"helpful\":true}");
		Http.Response unknown = voter().put("/api/reviews/" + reviewId + "/vote", "{\"helpful\":true}");

		assertThat(List.of(forbidden.status(), conflict.status(), unknown.status())).containsExactly(403, 409, 404);
		assertThat(forbidden.json().get("detail").asString()).isEqualTo("You cannot vote on your own review.");
		assertThat(conflict.json().get("title").asString()).isEqualTo("Conflict");
		assertThat(conflict.json().get("detail").asString())
			.isEqualTo("Only published reviews can be voted on; this one is held.");
		assertThat(unknown.json().get("detail").asString()).isEqualTo("There is no review " + reviewId + ".");
	}

	@Test
	void aVoteNeedsAYesOrNo() {
		Http.Response refused = voter().put("/api/reviews/" + reviewId + "/vote", "{}");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.json().get("errors").get(0).get("field").asString()).isEqualTo("helpful");
	}
}
