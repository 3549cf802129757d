package dev.reviewflow.intake.review;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.intake.policy.WriteLimitReached;
import dev.reviewflow.intake.policy.WriteLimits;
import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.intake.title.Titles;
import dev.reviewflow.testsupport.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;

/**
 * The review feature on its own (Spring Modulith bootstraps only its module, on the real database and broker): the
 * events its commands and moderation's decisions publish, which the rating feature and the outbox react to. Titles
 * and the write limits are replaced at their boundary; its Kafka consumers stay stopped (the decision listener is
 * called as the container would call it), so they take no partitions from the integration tests' context.
 */
@ApplicationModuleTest
@TestPropertySource(properties = { DevelopmentTokens.SERVICE_PROPERTY, "spring.kafka.listener.auto-startup=false" })
@Import(RealInfrastructure.class)
class ReviewModuleTests {

	@MockitoBean
	Titles titles;

	@MockitoBean
	WriteLimits limits;

	@Autowired
	ReviewCommands commands;

	@Autowired
	ReviewQueries queries;

	@Autowired
	ModerationOutcomes outcomes;

	@Autowired
	JdbcClient jdbc;

	String titleId;

	Author author;

	@BeforeEach
	void aTitleOfItsOwn() {
		titleId = "module-" + UUID.randomUUID().toString().substring(0, 8);
		author = new Author("author-" + titleId, Set.of("USER"), false);
		jdbc.sql("insert into title (title_id, name, year, kind, created_at, updated_at) values (?, 'Heat', 1995, "
				+ "'MOVIE', now(), now())").param(titleId).update();
	}

	ReviewDraft draft(int rating) {
		return ReviewDraft.by(author, rating, null, null, "Tense", "A long night.", null);
	}

	@Test
	void aSubmittedUserReviewIsAnnouncedAndRatesTheTitleForItsAuthor(Scenario scenario) {
		scenario.stimulate(() -> commands.submit(titleId, author, draft(8)))
			.andWaitForEventOfType(ReviewRated.class)
			.matching(rated -> rated.titleId().equals(titleId))
			.toArriveAndVerify((rated, review) -> {
				assertThat(rated).isEqualTo(new ReviewRated(review.reviewId(), titleId, author.id(), 8));
				assertThat(review.status()).isEqualTo(ReviewStatus.PENDING);
			});

		assertThat(queries.carriesRating(titleId, author.id())).isTrue();
		verify(limits).acquire(author.id(), Write.REVIEW);
	}

	@Test
	void theContractEventOfASubmissionCarriesTheReviewAsStored(Scenario scenario) {
		scenario.stimulate(() -> commands.submit(titleId, author, draft(6)))
			.andWaitForEventOfType(ReviewSubmitted.class)
			.matching(submitted -> submitted.titleId().equals(titleId))
			.toArriveAndVerify((submitted, review) -> {
				assertThat(submitted.reviewId()).isEqualTo(review.reviewId());
				assertThat(submitted.type()).isEqualTo(ReviewType.USER);
				assertThat(submitted.revision()).isEqualTo(1);
				assertThat(submitted.submittedAt()).isEqualTo(review.createdAt());
			});
	}

	@Test
	void anEditAndADeletionAreAnnouncedWithTheNewRevision(Scenario scenario) {
		ReviewView review = commands.submit(titleId, author, draft(5));

		scenario.stimulate(() -> commands.edit(review.reviewId(), author,
				new ReviewPatch(null, null, null, "Second thoughts", null, null)))
			.andWaitForEventOfType(ReviewEdited.class)
			.matching(edited -> edited.reviewId().equals(review.reviewId()))
			.toArriveAndVerify(edited -> {
				assertThat(edited.revision()).isEqualTo(2);
				assertThat(edited.headline()).isEqualTo("Second thoughts");
				assertThat(edited.rating()).isEqualTo(5);
			});
		scenario.stimulate(() -> commands.delete(review.reviewId(), author))
			.andWaitForEventOfType(ReviewDeleted.class)
			.matching(deleted -> deleted.reviewId().equals(review.reviewId()))
			.toArriveAndVerify(deleted -> assertThat(deleted.authorId()).isEqualTo(author.id()));
	}

	@Test
	void aRemovalByModerationTakesTheUserReviewsRatingDown(Scenario scenario) {
		ReviewView review = commands.submit(titleId, author, draft(4));
		CloudEvent<ModerationDecided> decision = CloudEvent.of("moderation", review.reviewId().toString(),
				new ModerationDecided(UUID.randomUUID(), review.reviewId(), titleId, author.id(), 1,
						ReviewStatus.REMOVED, DecisionActor.MODERATOR, "mod", List.of("spam"), Instant.now(), 1));

		scenario.stimulate(() -> outcomes.on(decision))
			.andWaitForEventOfType(ReviewTakenDown.class)
			.matching(down -> down.reviewId().equals(review.reviewId()))
			.toArriveAndVerify(down -> assertThat(down.status()).isEqualTo(ReviewStatus.REMOVED));

		assertThat(queries.findVisible(review.reviewId(), author)).hasValueSatisfying(
				removed -> assertThat(removed.status()).isEqualTo(ReviewStatus.REMOVED));
		assertThat(queries.carriesRating(titleId, author.id())).isFalse();
	}

	@Test
	void aSubmissionBeyondTheLimitStoresNothing() {
		willThrow(new WriteLimitReached(Write.REVIEW, "You may do this 2 time(s) per hour; try again in 9 s.", 9))
			.given(limits).acquire(author.id(), Write.REVIEW);

		assertThatThrownBy(() -> commands.submit(titleId, author, draft(7))).isInstanceOf(WriteLimitReached.class);

		assertThat(jdbc.sql("select count(*) from review where title_id = ?").param(titleId).query(Long.class).single())
			.isZero();
	}
}
