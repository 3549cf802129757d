package dev.reviewflow.moderation;

import java.util.UUID;

import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.Topics;
import dev.reviewflow.events.Vote;
import dev.reviewflow.testsupport.EventContract;
import dev.reviewflow.testsupport.Http;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Helpfulness votes over HTTP, published as the voter's current vote. */
class VoteIntegrationTests extends ModerationIntegrationTest {

	HelpfulnessVoteSet publishedVote(UUID reviewId, String voter, long nth) {
		ConsumerRecord<String, byte[]> record = probe.awaitAll(r -> r.topic().equals(Topics.VOTES.name())
				&& r.key().equals(reviewId.toString())
				&& ((HelpfulnessVoteSet) EventContract.assertConforms(r.value()).data()).voterId().equals(voter),
				(int) nth).getLast();
		return (HelpfulnessVoteSet) EventContract.assertConforms(record.value()).data();
	}

	@Test
	void aVoteIsPublishedAsTheVotersCurrentVoteAndCanBeChangedAndRetracted() {
		UUID reviewId = moderated("author-1", "A fine film.", "PUBLISHED");
		Http voter = as("voter-1", "USER");

		Http.Response helpful = voter.put("/api/reviews/" + reviewId + "/vote", "{\"helpful\":true}");
		assertThat(helpful.status()).as(helpful.toString()).isEqualTo(202);
		HelpfulnessVoteSet first = publishedVote(reviewId, "voter-1", 1);
		assertThat(first.vote()).isEqualTo(Vote.HELPFUL);
		assertThat(first.titleId()).isEqualTo("wont-back-down-2012");
		assertThat(voter.get("/api/reviews/" + reviewId + "/vote").json().get("helpful").asBoolean()).isTrue();

		// the same vote again changes nothing and publishes nothing; a changed vote does
		assertThat(voter.put("/api/reviews/" + reviewId + "/vote", "{\"helpful\":true}").status()).isEqualTo(202);
		assertThat(voter.put("/api/reviews/" + reviewId + "/vote", "{\"helpful\":false}").status()).isEqualTo(202);
		assertThat(publishedVote(reviewId, "voter-1", 2).vote()).isEqualTo(Vote.NOT_HELPFUL);

		assertThat(voter.delete("/api/reviews/" + reviewId + "/vote").status()).isEqualTo(202);
		assertThat(publishedVote(reviewId, "voter-1", 3).vote()).isNull();
		assertThat(voter.get("/api/reviews/" + reviewId + "/vote").json().get("helpful").isNull()).isTrue();
		assertThat(probe.seen().stream()
			.filter(r -> r.topic().equals(Topics.VOTES.name()) && r.key().equals(reviewId.toString()))
			.count()).isEqualTo(3);
	}

	@Test
	void votesAreRefusedOnOnesOwnUnknownOrUnpublishedReviews() {
		UUID published = moderated("author-2", "Good.", "PUBLISHED");
		UUID rejected = moderated("author-2b", "buy followers now", "REJECTED");

		Http.Response own = as("author-2", "USER").put("/api/reviews/" + published + "/vote", "{\"helpful\":true}");
		assertThat(own.status()).isEqualTo(403);
		assertThat(own.isProblem()).isTrue();
		assertThat(as("voter-2", "USER").put("/api/reviews/" + UUID.randomUUID() + "/vote", "{\"helpful\":true}")
			.status()).isEqualTo(404);
		Http.Response unpublished = as("voter-2", "USER").put("/api/reviews/" + rejected + "/vote",
				"{\"helpful\":true}");
		assertThat(unpublished.status()).isEqualTo(409);
		assertThat(unpublished.isProblem()).isTrue();
		assertThat(Http.on(port).put("/api/reviews/" + published + "/vote", "{\"helpful\":true}").status())
			.isEqualTo(401);
		assertThat(as("mod", "MODERATOR").put("/api/reviews/" + published + "/vote", "{\"helpful\":true}").status())
			.isEqualTo(403);
		assertThat(as("critic", "CRITIC").put("/api/reviews/" + published + "/vote", "{\"helpful\":false}").status())
			.isEqualTo(202);
		assertThat(as("voter-2", "USER").put("/api/reviews/" + published + "/vote", "{\"helpful\":\"yes\"}").status())
			.isEqualTo(400);
		assertThat(as("voter-2", "USER").put("/api/reviews/" + published + "/vote", "{}").status()).isEqualTo(400);
		assertThat(jdbc.sql("select count(*) from vote where review_id = ?").param(published).query(Long.class)
			.single()).isEqualTo(1);
	}
}
