package dev.reviewflow.intake.rating;

import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.intake.policy.WriteLimitReached;
import dev.reviewflow.intake.policy.WriteLimits;
import dev.reviewflow.intake.policy.WriteLimits.Write;
import dev.reviewflow.intake.review.ReviewCommands;
import dev.reviewflow.intake.review.ReviewQueries;
import dev.reviewflow.intake.review.ReviewRated;
import dev.reviewflow.intake.review.ReviewReinstated;
import dev.reviewflow.intake.review.ReviewTakenDown;
import dev.reviewflow.intake.title.Titles;
import dev.reviewflow.testsupport.RealInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;

/**
 * The rating feature on its own (Spring Modulith bootstraps only its module, on the real database and broker): what
 * it does when the review feature's events arrive, and the {@link RatingSet} it publishes. The other features it
 * talks to (titles, the write limits, reviews) are replaced at their boundary.
 */
@ApplicationModuleTest
@TestPropertySource(properties = DevelopmentTokens.SERVICE_PROPERTY)
@Import(RealInfrastructure.class)
class RatingModuleTests {

	@MockitoBean
	Titles titles;

	@MockitoBean
	WriteLimits limits;

	@MockitoBean
	ReviewQueries reviews;

	@MockitoBean
	ReviewCommands reviewCommands;

	@Autowired
	RatingQueries ratings;

	@Autowired
	RatingCommands commands;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	ApplicationEventPublisher publisher;

	String titleId;

	String author;

	@BeforeEach
	void aTitleOfItsOwn() {
		titleId = "module-" + UUID.randomUUID().toString().substring(0, 8);
		author = "author-" + titleId;
		jdbc.sql("insert into title (title_id, name, year, kind, created_at, updated_at) values (?, 'Heat', 1995, "
				+ "'MOVIE', now(), now())").param(titleId).update();
	}

	@Test
	void aReviewsRatingBecomesTheAuthorsRatingCountedAgainstTheirLimit(Scenario scenario) {
		scenario.publish(new ReviewRated(UUID.randomUUID(), titleId, author, 8))
			.andWaitForEventOfType(RatingSet.class)
			.matching(set -> set.titleId().equals(titleId))
			.toArriveAndVerify(set -> {
				assertThat(set.userId()).isEqualTo(author);
				assertThat(set.rating()).isEqualTo(8);
				assertThat(set.version()).isEqualTo(1);
			});

		assertThat(ratings.find(titleId, author)).hasValueSatisfying(rating -> assertThat(rating.rating()).isEqualTo(8));
		verify(limits).acquire(author, Write.RATING);
	}

	@Test
	void aReviewsRatingBeyondTheLimitIsRefusedAndNothingIsStored() {
		willThrow(new WriteLimitReached(Write.RATING, "You may do this 2 time(s) per hour; try again in 9 s.", 9))
			.given(limits).acquire(author, Write.RATING);

		assertThatThrownBy(() -> transactions.executeWithoutResult(
				status -> publisher.publishEvent(new ReviewRated(UUID.randomUUID(), titleId, author, 8))))
			.isInstanceOf(WriteLimitReached.class);

		assertThat(ratings.find(titleId, author)).isEmpty();
	}

	@Test
	void aReviewTakenDownWithdrawsTheAuthorsRatingWithANewVersion(Scenario scenario) {
		scenario.publish(new ReviewRated(UUID.randomUUID(), titleId, author, 6))
			.andWaitForEventOfType(RatingSet.class)
			.toArrive();

		scenario.publish(new ReviewTakenDown(UUID.randomUUID(), titleId, author, ReviewStatus.REMOVED))
			.andWaitForEventOfType(RatingSet.class)
			.matching(set -> set.titleId().equals(titleId) && set.rating() == null)
			.toArriveAndVerify(set -> assertThat(set.version()).isEqualTo(2));

		assertThat(ratings.find(titleId, author)).isEmpty();
	}

	@Test
	void aReinstatedReviewGivesItsRatingBackUnlessTheAuthorRatedAnew(Scenario scenario) {
		scenario.publish(new ReviewReinstated(UUID.randomUUID(), titleId, author, 7))
			.andWaitForEventOfType(RatingSet.class)
			.matching(set -> set.titleId().equals(titleId))
			.toArriveAndVerify(set -> assertThat(set.rating()).isEqualTo(7));

		String rerated = "rerated-" + titleId;
		transactions.executeWithoutResult(status -> publisher.publishEvent(
				new ReviewRated(UUID.randomUUID(), titleId, rerated, 3)));
		transactions.executeWithoutResult(status -> publisher.publishEvent(
				new ReviewReinstated(UUID.randomUUID(), titleId, rerated, 9)));

		assertThat(ratings.find(titleId, rerated)).hasValueSatisfying(r -> assertThat(r.rating()).isEqualTo(3));
		assertThat(jdbc.sql("select version from rating where title_id = ? and user_id = ?")
			.params(titleId, rerated)
			.query(Long.class)
			.single()).as("the reinstatement changed nothing").isEqualTo(1);
	}

	@Test
	void aUsersNewRatingIsPublishedAndHandedToTheirReview(Scenario scenario) {
		scenario.stimulate(() -> commands.rate(titleId, author, 4))
			.andWaitForEventOfType(RatingSet.class)
			.matching(set -> set.titleId().equals(titleId))
			.toArriveAndVerify((set, rating) -> {
				assertThat(set.rating()).isEqualTo(4);
				assertThat(rating.rating()).isEqualTo(4);
			});

		verify(titles).requireExists(titleId);
		verify(limits).acquire(author, Write.RATING);
		verify(reviewCommands).takeAuthorsRating(titleId, author, 4);
	}

	@Test
	void aRatingItsReviewCarriesIsNotWithdrawnNorCounted() {
		rated(5);
		given(reviews.carriesRating(titleId, author)).willReturn(true);

		assertThatThrownBy(() -> commands.unrate(titleId, author)).isInstanceOf(RatingCarriedByReview.class);

		assertThat(ratings.find(titleId, author)).hasValueSatisfying(r -> assertThat(r.rating()).isEqualTo(5));
		verifyNoInteractions(limits);
	}

	private void rated(int rating) {
		jdbc.sql("insert into rating (title_id, user_id, rating, updated_at, version) values (?, ?, ?, now(), 1)")
			.params(titleId, author, rating)
			.update();
	}
}
