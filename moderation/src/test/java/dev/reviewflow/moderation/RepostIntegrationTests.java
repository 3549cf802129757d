package dev.reviewflow.moderation;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.testsupport.Http;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deleting a hidden, removed or rejected review and posting it again does not undo moderation: the new review of the
 * same title by the same author is held for a moderator, whichever of the deletion and the new review moderation reads
 * first; a review deleted while published is simply replaced; near-duplicates include deleted reviews.
 */
class RepostIntegrationTests extends ModerationIntegrationTest {

	Http moderator(String id) {
		return as(id, "MODERATOR");
	}

	/** Three reports hide the review; a moderator removes it through the case they opened. */
	void removeAfterReports(UUID reviewId, String reporters, String moderatorId, String reason) {
		hideByReports(reviewId, reporters);
		Http.Response removed = moderator(moderatorId).post("/api/moderation/cases/" + openCase(reviewId) + "/decision",
				"{\"action\":\"REMOVE\",\"reason\":\"" + reason + "\"}");
		assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
		assertThat(status(reviewId)).isEqualTo("REMOVED");
	}

	void hideByReports(UUID reviewId, String reporters) {
		for (String reporter : List.of(reporters + "-a", reporters + "-b", reporters + "-c")) {
			assertThat(report(reporter, reviewId, "SPAM").status()).isEqualTo(202);
		}
		assertThat(status(reviewId)).isEqualTo("HIDDEN");
	}

	JsonNode heldCase(UUID reviewId, String moderatorId) {
		JsonNode detail = moderator(moderatorId).get("/api/moderation/cases/" + openCase(reviewId)).json();
		assertThat(detail.get("kind").asString()).isEqualTo("HELD");
		assertThat(detail.get("status").asString()).isEqualTo("OPEN");
		return detail;
	}

	@Test
	void aRemovedReviewDeletedAndPostedAgainIsHeldWithACaseNamingTheRemovalUntilAModeratorKeepsIt() {
		String title = "repost-removed";
		String text = "Buy my course at my site, the film is whatever, join my channel for more.";
		UUID removed = moderated("author-rp1", title, text, "PUBLISHED");
		removeAfterReports(removed, "reporter-rp1", "mod-rp1", "self-promotion");
		deleteAndAwait(removed, title, "author-rp1");
		assertThat(jdbc.sql("select status_when_deleted from review where review_id = ?").param(removed)
			.query(String.class).single()).isEqualTo("REMOVED");

		UUID repost = moderated("author-rp1", title, text, "HELD");

		JsonNode detail = heldCase(repost, "mod-rp1b");
		assertThat(detail.get("reasons").valueStream().map(JsonNode::asString)).containsExactly("REPOST");
		JsonNode earlier = detail.get("earlierReviews");
		assertThat(earlier).hasSize(1);
		assertThat(earlier.get(0).get("reviewId").asString()).isEqualTo(removed.toString());
		assertThat(earlier.get(0).get("status").asString()).isEqualTo("REMOVED");
		assertThat(earlier.get(0).get("deletedAt").isNull()).isFalse();
		assertThat(earlier.get(0).get("decision").get("status").asString()).isEqualTo("REMOVED");
		assertThat(earlier.get(0).get("decision").get("moderatorId").asString()).isEqualTo("mod-rp1");
		assertThat(earlier.get(0).get("decision").get("reasons").get(0).asString()).contains("self-promotion");
		assertThat(detail.get("decisions").get(0).get("reasons").get(0).asString())
			.isEqualTo("repost: review " + removed + " of this title by the same author was REMOVED when its author "
					+ "deleted it (reported case REMOVE: self-promotion)");
		ModerationDecided held = decisionsPublished(repost, 1).getFirst();
		assertThat(held.status()).isEqualTo(ReviewStatus.HELD);
		assertThat(held.actor()).isEqualTo(DecisionActor.AUTOMATIC);
		assertThat(held.reasons().getFirst()).contains(removed.toString());
		assertThat(queuedReviews(moderator("mod-rp1b"), "kind=HELD&reason=REPOST")).contains(repost.toString());

		// a moderator who looked and kept it has the last word: the author's later edits are screened as usual
		assertThat(moderator("mod-rp1b").post("/api/moderation/cases/" + openCase(repost) + "/decision",
				"{\"action\":\"KEEP\",\"reason\":\"changed for the better\"}").status()).isEqualTo(200);
		assertThat(status(repost)).isEqualTo("PUBLISHED");
		send(CloudEvent.of("review-intake", repost.toString(),
				new ReviewEdited(repost, title, "author-rp1", ReviewType.USER, 2, 7, null, null, false, "Headline",
						text + " Edited.", false, Instant.now())));
		List<ModerationDecided> decisions = decisionsPublished(repost, 3);
		assertThat(decisions.getLast().revision()).isEqualTo(2);
		assertThat(decisions.getLast().status()).isEqualTo(ReviewStatus.PUBLISHED);
		assertThat(decisions.getLast().actor()).isEqualTo(DecisionActor.AUTOMATIC);
	}

	@Test
	void aRejectedReviewDeletedAndFollowedByADifferentCleanOneIsHeld() {
		String title = "repost-rejected";
		UUID rejected = moderated("author-rp2", title, "Buy followers cheap, best deal", "REJECTED");
		deleteAndAwait(rejected, title, "author-rp2");

		UUID repost = moderated("author-rp2", title, "A calm, honest and entirely different opinion of the film.",
				"HELD");

		JsonNode detail = heldCase(repost, "mod-rp2");
		assertThat(detail.get("reasons").valueStream().map(JsonNode::asString)).containsExactly("REPOST");
		JsonNode earlier = detail.get("earlierReviews").get(0);
		assertThat(earlier.get("reviewId").asString()).isEqualTo(rejected.toString());
		assertThat(earlier.get("status").asString()).isEqualTo("REJECTED");
		assertThat(earlier.get("decision").get("actor").asString()).isEqualTo("AUTOMATIC");
		assertThat(earlier.get("decision").get("reasons").get(0).asString()).isEqualTo("banned term: buy followers");
		// another author's clean review of the title is published as ever
		moderated("someone-else-rp2", title, "A calm, honest and entirely different opinion of the film.",
				"PUBLISHED");
	}

	@Test
	void aReviewDeletedWhilePublishedIsReplacedByTheSameTextPublished() {
		String title = "repost-published";
		String text = "Viola Davis carries every scene; the ending is too neat but earned.";
		UUID first = moderated("author-rp3", title, text, "PUBLISHED");
		deleteAndAwait(first, title, "author-rp3");

		UUID again = moderated("author-rp3", title, text, "PUBLISHED");

		assertThat(decisionsPublished(again, 1).getFirst().reasons()).isEmpty();
		assertThat(jdbc.sql("select count(*) from moderation_case where review_id = ?").param(again)
			.query(Long.class).single()).isZero();
	}

	@Test
	void aNearDuplicateOfTheAuthorsDeletedReviewOfAnotherTitleIsHeld() {
		String text = "Follow me for daily reviews of every film that matters, links in my profile, thanks all.";
		UUID deleted = moderated("author-rp4", "repost-elsewhere-a", text, "PUBLISHED");
		deleteAndAwait(deleted, "repost-elsewhere-a", "author-rp4");

		UUID copy = moderated("author-rp4", "repost-elsewhere-b", text + " Really!", "HELD");

		JsonNode detail = heldCase(copy, "mod-rp4");
		assertThat(detail.get("reasons").valueStream().map(JsonNode::asString)).containsExactly("NEAR_DUPLICATE");
		assertThat(detail.get("decisions").get(0).get("reasons").get(0).asString()).startsWith("near-duplicate: ")
			.endsWith("alike to review " + deleted);
		assertThat(detail.get("earlierReviews")).isEmpty();
	}

	@Test
	void aRepostReadBeforeTheHiddenReviewsDeletionIsHeldAndStaysHeldWhenTheDeletionArrives() {
		String title = "repost-hidden";
		String text = "Everyone in this film is terrible and so is everyone who liked it.";
		UUID hidden = moderated("author-rp5", title, text, "PUBLISHED");
		hideByReports(hidden, "reporter-rp5");

		// review-intake deleted the hidden review, but its ReviewDeleted travels on another partition than the
		// repost's ReviewSubmitted and arrives second
		UUID repost = moderated("author-rp5", title, text, "HELD");
		JsonNode before = heldCase(repost, "mod-rp5");
		assertThat(before.get("earlierReviews").get(0).get("reviewId").asString()).isEqualTo(hidden.toString());
		assertThat(before.get("earlierReviews").get(0).get("status").asString()).isEqualTo("HIDDEN");
		assertThat(before.get("earlierReviews").get(0).get("deletedAt").isNull()).isTrue();
		assertThat(before.get("decisions").get(0).get("reasons").get(0).asString())
			.startsWith("repost: review " + hidden + " of this title by the same author was HIDDEN (reports weighing");

		deleteAndAwait(hidden, title, "author-rp5");

		assertThat(status(repost)).isEqualTo("HELD");
		JsonNode after = heldCase(repost, "mod-rp5");
		assertThat(after.get("caseId").asString()).isEqualTo(before.get("caseId").asString());
		assertThat(after.get("earlierReviews").get(0).get("status").asString()).isEqualTo("HIDDEN");
		assertThat(after.get("earlierReviews").get(0).get("deletedAt").isNull()).isFalse();
	}
}
