package dev.reviewflow.scoring.topology;

import java.time.Instant;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import java.util.UUID;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Verdict;
import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.Vote;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.events.Topics;
import dev.reviewflow.events.kafka.CloudEventSerde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The scoring formulas, driven synchronously through the topology. */
class ScoringTopologyTest {

	static final String TITLE = "wont-back-down-2012";

	static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

	TopologyTestDriver driver;

	TestInputTopic<String, CloudEvent<?>> ratings;

	TestOutputTopic<String, CloudEvent<?>> titleScores;

	TestInputTopic<String, CloudEvent<?>> votes;

	TestInputTopic<String, CloudEvent<?>> reviewEvents;

	TestInputTopic<String, CloudEvent<?>> decisions;

	TestOutputTopic<String, CloudEvent<?>> reviewScores;

	@BeforeEach
	void startDriver() {
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-test");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG,
				System.getProperty("java.io.tmpdir") + "/scoring-ttd-" + System.nanoTime());
		StreamsBuilder builder = ScoringTopology.build(new StreamsBuilder(), ScoringSettings.DEFAULTS);
		driver = new TopologyTestDriver(builder.build(), config);
		CloudEventSerde serde = new CloudEventSerde();
		ratings = driver.createInputTopic(Topics.RATINGS.name(), new StringSerializer(), serde);
		titleScores = driver.createOutputTopic(Topics.TITLE_SCORES.name(), new StringDeserializer(), serde);
		votes = driver.createInputTopic(Topics.VOTES.name(), new StringSerializer(), serde);
		reviewEvents = driver.createInputTopic(Topics.REVIEW_EVENTS.name(), new StringSerializer(), serde);
		decisions = driver.createInputTopic(Topics.MODERATION_DECISIONS.name(), new StringSerializer(), serde);
		reviewScores = driver.createOutputTopic(Topics.REVIEW_SCORES.name(), new StringDeserializer(), serde);
	}

	@AfterEach
	void closeDriver() {
		driver.close();
	}

	/** The versions review-intake and moderation would assign: each key's changes numbered 1, 2, … */
	final Map<String, Long> versions = new HashMap<>();

	long nextVersion(String key) {
		return versions.merge(key, 1L, Long::sum);
	}

	void rate(String user, Integer rating, Instant at) {
		rate(TITLE, user, rating, at);
	}

	void rate(String titleId, String user, Integer rating, Instant at, long version) {
		ratings.pipeInput(titleId,
				CloudEvent.of("review-intake", titleId, new RatingSet(titleId, user, rating, at, version)));
	}

	TitleScoreChanged latestScore() {
		List<CloudEvent<?>> scores = titleScores.readValuesToList();
		assertThat(scores).isNotEmpty();
		return (TitleScoreChanged) scores.getLast().data();
	}

	@Test
	void averageCountHistogramAndAudienceScoreFollowTheRatings() {
		rate("alice", 8, T0);
		rate("bob", 5, T0.plusSeconds(1));
		rate("carol", 7, T0.plusSeconds(2));

		TitleScoreChanged score = latestScore();
		assertThat(score.titleId()).isEqualTo(TITLE);
		assertThat(score.userRating().count()).isEqualTo(3);
		assertThat(score.userRating().average()).isEqualTo(6.6667);
		assertThat(score.userRating().histogram()).containsExactly(0L, 0L, 0L, 0L, 1L, 0L, 1L, 1L, 0L, 0L);
		assertThat(score.audienceScore().count()).isEqualTo(3);
		assertThat(score.audienceScore().percent()).isEqualTo(67);
		assertThat(score.updatedAt()).isEqualTo(T0.plusSeconds(2));
	}

	void rate(String titleId, String user, Integer rating, Instant at) {
		rate(titleId, user, rating, at, nextVersion(titleId + "|" + user));
	}

	TitleScoreChanged latestScoreOf(String titleId) {
		return titleScores.readValuesToList()
			.stream()
			.map(event -> (TitleScoreChanged) event.data())
			.filter(score -> score.titleId().equals(titleId))
			.reduce((first, second) -> second)
			.orElseThrow();
	}

	@Test
	void theWeightedRatingPullsFewRatingsTowardsTheMeanOfAllRatingsOfAllTitles() {
		rate("title-a", "alice", 8, T0);
		assertThat(latestScoreOf("title-a").userRating().weighted()).as("no other ratings yet: C is unknown")
			.isEqualTo(8.0);
		rate("title-b", "bob", 2, T0.plusSeconds(1));
		driver.advanceWallClockTime(Duration.ofSeconds(1));

		// C = (8 + 2) / 2 = 5 for every title once it is known, quiet ones included
		List<TitleScoreChanged> scores = titleScores.readValuesToList()
			.stream()
			.map(event -> (TitleScoreChanged) event.data())
			.toList();
		TitleScoreChanged b = scores.stream().filter(s -> s.titleId().equals("title-b")).toList().getLast();
		TitleScoreChanged a = scores.stream().filter(s -> s.titleId().equals("title-a")).toList().getLast();
		// v=1, R=2, m=100, C=5: (1·2 + 100·5) / 101
		assertThat(b.userRating().weighted()).isEqualTo(4.9703);
		// v=1, R=8: (1·8 + 100·5) / 101
		assertThat(a.userRating().weighted()).isEqualTo(5.0297);
		assertThat(a.version()).as("published anew: a newer version of the same figures").isEqualTo(2);
		assertThat(a.updatedAt()).as("no new input for title-a").isEqualTo(T0);
		assertThat(a.userRating().count()).isEqualTo(1);

		rate("title-a", "carol", 6, T0.plusSeconds(2));
		// v=2, R=7, m=100, C=5 (this rating not yet in C)
		assertThat(latestScoreOf("title-a").userRating().weighted()).isEqualTo(5.0392);
		driver.advanceWallClockTime(Duration.ofSeconds(1));
		// C = 16 / 3 = 5.3333: title-a (v=2, R=7) and title-b (v=1, R=2) follow
		List<TitleScoreChanged> after = titleScores.readValuesToList()
			.stream()
			.map(event -> (TitleScoreChanged) event.data())
			.toList();
		double c = 16.0 / 3;
		assertThat(after).extracting(TitleScoreChanged::titleId).containsExactlyInAnyOrder("title-a", "title-b");
		for (TitleScoreChanged score : after) {
			double v = score.userRating().count();
			double r = score.userRating().average();
			assertThat(score.userRating().weighted()).isCloseTo((v * r + 100 * c) / (v + 100), within(0.00005));
		}

		driver.advanceWallClockTime(Duration.ofSeconds(5));
		assertThat(titleScores.readValuesToList()).as("C has not moved: nothing published").isEmpty();
	}

	@Test
	void aChangedRatingReplacesTheUsersEarlierOne() {
		rate("alice", 8, T0);
		rate("alice", 3, T0.plusSeconds(1));

		TitleScoreChanged score = latestScore();
		assertThat(score.userRating().count()).isEqualTo(1);
		assertThat(score.userRating().average()).isEqualTo(3.0);
		assertThat(score.userRating().histogram()).containsExactly(0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
		assertThat(score.audienceScore().percent()).isZero();
	}

	@Test
	void aWithdrawnRatingNoLongerCounts() {
		rate("alice", 8, T0);
		rate("bob", 6, T0.plusSeconds(1));
		rate("alice", null, T0.plusSeconds(2));

		TitleScoreChanged score = latestScore();
		assertThat(score.userRating().count()).isEqualTo(1);
		assertThat(score.userRating().average()).isEqualTo(6.0);
		assertThat(score.audienceScore().percent()).isZero();
	}

	@Test
	void withdrawingTheLastRatingLeavesAnEmptyScore() {
		rate("alice", 8, T0);
		rate("alice", null, T0.plusSeconds(1));

		TitleScoreChanged score = latestScore();
		assertThat(score.userRating().count()).isZero();
		assertThat(score.userRating().average()).isNull();
		assertThat(score.audienceScore().percent()).isNull();
	}

	@Test
	void aDuplicatedOrReplayedEventIsNotCountedTwice() {
		CloudEvent<RatingSet> event = CloudEvent.of("review-intake", TITLE, new RatingSet(TITLE, "alice", 9, T0, 1));
		ratings.pipeInput(TITLE, event);
		ratings.pipeInput(TITLE, event);

		List<CloudEvent<?>> scores = titleScores.readValuesToList();
		assertThat(scores).hasSize(1);
		assertThat(((TitleScoreChanged) scores.getFirst().data()).userRating().count()).isEqualTo(1);
		assertThat(((TitleScoreChanged) scores.getFirst().data()).version()).isEqualTo(1);
	}

	/** A rating set and withdrawn between two checks leaves C where it was, but the title written with the other C. */
	@Test
	void aTitleWrittenWithACThatWasGoneByTheNextCheckIsCaughtByTheFullCheck() {
		rate("title-a", "alice", 8, T0);
		rate("title-b", "bob", 2, T0);
		rate("title-b", "carol", 4, T0);
		driver.advanceWallClockTime(Duration.ofSeconds(1));
		rate("title-b", "dave", 10, T0.plusSeconds(1));
		rate("title-b", "dave", null, T0.plusSeconds(2));
		titleScores.readValuesToList();
		for (int i = 0; i < StaleWeighted.FULL_CHECK_EVERY; i++) {
			driver.advanceWallClockTime(Duration.ofSeconds(1));
		}
		// C = 14 / 3 again; title-b: v=2, R=3
		assertThat(latestScoreOf("title-b").userRating().weighted())
			.isCloseTo((2 * 3.0 + 100 * 14.0 / 3) / 102, within(0.00005));
	}

	@Test
	void anOlderVersionArrivingLateDoesNotOverwriteANewerOneWhateverItsClockSays() {
		rate(TITLE, "alice", 9, T0, 2);
		rate(TITLE, "alice", 2, T0.plusSeconds(10), 1);
		rate(TITLE, "alice", 9, T0, 2);

		List<CloudEvent<?>> scores = titleScores.readValuesToList();
		assertThat(scores).hasSize(1);
		assertThat(((TitleScoreChanged) scores.getFirst().data()).userRating().average()).isEqualTo(9.0);

		rate(TITLE, "alice", 3, T0.minusSeconds(60), 3);
		assertThat(latestScore().userRating().average()).as("a newer version with an older clock").isEqualTo(3.0);
	}

	@Test
	void ratingsWrittenBeforeVersionsKeepTheirOrderByTimeAndYieldToVersionedOnes() {
		rate(TITLE, "alice", 9, T0.plusSeconds(10), 0);
		rate(TITLE, "alice", 2, T0, 0);
		assertThat(latestScore().userRating().average()).isEqualTo(9.0);
		rate(TITLE, "alice", 4, T0, 1);
		assertThat(latestScore().userRating().average()).isEqualTo(4.0);
		rate(TITLE, "alice", 7, T0.plusSeconds(99), 0);
		assertThat(titleScores.readValuesToList()).isEmpty();
	}

	@Test
	void everyChangeOfATitlesScoreHasAHigherVersion() {
		rate("alice", 8, T0);
		rate("bob", 6, T0.plusSeconds(1));
		rate("alice", 5, T0.plusSeconds(2));
		UUID reviewId = userReview("carol");
		decide(reviewId, 1, ReviewStatus.PUBLISHED);
		rate("bob", null, T0.plusSeconds(3));
		assertThat(titleScores.readValuesToList()).extracting(event -> ((TitleScoreChanged) event.data()).version())
			.containsExactly(1L, 2L, 3L, 4L, 5L);
	}

	static final UUID REVIEW = UUID.fromString("7d7e3d1c-6b1f-4c1e-9a55-0f3f1b2c4d5e");

	void vote(String voter, Vote vote, Instant at) {
		vote(voter, vote, at, nextVersion(REVIEW + "|" + voter));
	}

	void vote(String voter, Vote vote, Instant at, long version) {
		votes.pipeInput(REVIEW.toString(), CloudEvent.of("moderation", REVIEW.toString(),
				new HelpfulnessVoteSet(REVIEW, TITLE, voter, vote, at, version)));
	}

	ReviewScoreChanged latestReviewScore() {
		List<CloudEvent<?>> scores = reviewScores.readValuesToList();
		assertThat(scores).isNotEmpty();
		return (ReviewScoreChanged) scores.getLast().data();
	}

	@Test
	void fortySixOfFiftySevenFoundThisHelpful() {
		for (int i = 0; i < 57; i++) {
			vote("voter-" + i, i < 46 ? Vote.HELPFUL : Vote.NOT_HELPFUL, T0.plusSeconds(i));
		}
		ReviewScoreChanged score = latestReviewScore();
		assertThat(score.reviewId()).isEqualTo(REVIEW);
		assertThat(score.helpful()).isEqualTo(46);
		assertThat(score.notHelpful()).isEqualTo(11);
		assertThat(score.total()).isEqualTo(57);
		assertThat(score.wilsonLowerBound()).isCloseTo(0.687, within(0.0005));
		assertThat(score.updatedAt()).isEqualTo(T0.plusSeconds(56));
	}

	@Test
	void aChangedVoteMovesFromOneSideToTheOtherAndARetractedOneLeaves() {
		vote("alice", Vote.HELPFUL, T0);
		vote("bob", Vote.HELPFUL, T0.plusSeconds(1));
		vote("alice", Vote.NOT_HELPFUL, T0.plusSeconds(2));
		ReviewScoreChanged changed = latestReviewScore();
		assertThat(changed.helpful()).isEqualTo(1);
		assertThat(changed.notHelpful()).isEqualTo(1);

		vote("bob", null, T0.plusSeconds(3));
		ReviewScoreChanged retracted = latestReviewScore();
		assertThat(retracted.helpful()).isZero();
		assertThat(retracted.notHelpful()).isEqualTo(1);
		assertThat(retracted.total()).isEqualTo(1);
		assertThat(retracted.wilsonLowerBound()).isZero();
	}

	@Test
	void aDuplicatedOrLateVoteIsNotCountedTwice() {
		CloudEvent<HelpfulnessVoteSet> event = CloudEvent.of("moderation", REVIEW.toString(),
				new HelpfulnessVoteSet(REVIEW, TITLE, "alice", Vote.HELPFUL, T0, 2));
		votes.pipeInput(REVIEW.toString(), event);
		votes.pipeInput(REVIEW.toString(), event);
		vote("alice", Vote.NOT_HELPFUL, T0.plusSeconds(5), 1);

		List<CloudEvent<?>> scores = reviewScores.readValuesToList();
		assertThat(scores).hasSize(1);
		assertThat(((ReviewScoreChanged) scores.getFirst().data()).helpful()).isEqualTo(1);
		assertThat(((ReviewScoreChanged) scores.getFirst().data()).version()).isEqualTo(1);
	}

	/**
	 * Many voters' votes with times out of order, as concurrent transactions publish them: every change of the tally
	 * has a higher version, so a consumer that keeps the highest version keeps the final tally, whose time is older
	 * than some earlier tallies'.
	 */
	@Test
	void everyChangeOfAReviewsScoreHasAHigherVersionWhateverTheVoteTimes() {
		vote("v1", Vote.HELPFUL, T0.plusSeconds(3));
		vote("v2", Vote.HELPFUL, T0.plusSeconds(1));
		vote("v3", Vote.NOT_HELPFUL, T0.plusSeconds(2));
		vote("v1", Vote.NOT_HELPFUL, T0);
		List<ReviewScoreChanged> scores = reviewScores.readValuesToList()
			.stream()
			.map(event -> (ReviewScoreChanged) event.data())
			.toList();
		assertThat(scores).extracting(ReviewScoreChanged::version).containsExactly(1L, 2L, 3L, 4L);
		assertThat(scores.getLast().helpful()).isEqualTo(1);
		assertThat(scores.getLast().notHelpful()).isEqualTo(2);
		assertThat(scores.getLast().updatedAt()).isEqualTo(T0.plusSeconds(3));
	}

	UUID critic(String author, Verdict verdict, boolean top) {
		UUID reviewId = UUID.randomUUID();
		reviewEvents.pipeInput(reviewId.toString(), CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewSubmitted(reviewId, TITLE, author, ReviewType.CRITIC, 1, null, verdict, "Gazette", top, "h",
						"b", false, T0)));
		return reviewId;
	}

	UUID userReview(String author) {
		UUID reviewId = UUID.randomUUID();
		reviewEvents.pipeInput(reviewId.toString(), CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewSubmitted(reviewId, TITLE, author, ReviewType.USER, 1, 7, null, null, false, "h", "b", false,
						T0)));
		return reviewId;
	}

	void decide(UUID reviewId, int revision, ReviewStatus status) {
		decide(reviewId, revision, status, nextVersion("decision|" + reviewId));
	}

	CloudEvent<ModerationDecided> decide(UUID reviewId, int revision, ReviewStatus status, long sequence) {
		CloudEvent<ModerationDecided> event = CloudEvent.of("moderation", reviewId.toString(),
				new ModerationDecided(UUID.randomUUID(), reviewId, TITLE, "someone", revision, status,
						DecisionActor.AUTOMATIC, null, List.of(), T0.plusSeconds(1), sequence));
		decisions.pipeInput(reviewId.toString(), event);
		return event;
	}

	/** Decisions of separate transactions go out concurrently, and the outbox resends: the highest sequence stands. */
	@Test
	void anOlderDecisionAboutTheSameRevisionArrivingLateOrTwiceChangesNothing() {
		UUID reviewId = userReview("late");
		decide(reviewId, 1, ReviewStatus.PUBLISHED, 1);
		assertThat(latestScore().reviewCounts().user()).isEqualTo(1);
		CloudEvent<ModerationDecided> hidden = decide(reviewId, 1, ReviewStatus.HIDDEN, 3);
		assertThat(latestScore().reviewCounts().user()).isZero();
		decide(reviewId, 1, ReviewStatus.PUBLISHED, 2);
		decisions.pipeInput(reviewId.toString(), hidden);
		decide(reviewId, 1, ReviewStatus.PUBLISHED, 1);
		assertThat(titleScores.readValuesToList()).isEmpty();
		decide(reviewId, 1, ReviewStatus.PUBLISHED, 4);
		assertThat(latestScore().reviewCounts().user()).isEqualTo(1);
	}

	TitleScoreChanged.CriticScore criticScore() {
		return latestScore().criticScore();
	}

	@Test
	void theTomatometerCountsPublishedCriticReviewsFromTheMinimumOn() {
		for (int i = 0; i < 4; i++) {
			decide(critic("critic-" + i, i < 3 ? Verdict.FRESH : Verdict.ROTTEN, i == 0), 1, ReviewStatus.PUBLISHED);
		}
		TitleScoreChanged.CriticScore belowMinimum = criticScore();
		assertThat(belowMinimum.count()).isEqualTo(4);
		assertThat(belowMinimum.fresh()).isEqualTo(3);
		assertThat(belowMinimum.percent()).isNull();

		decide(critic("critic-4", Verdict.ROTTEN, true), 1, ReviewStatus.PUBLISHED);
		TitleScoreChanged score = latestScore();
		assertThat(score.criticScore().count()).isEqualTo(5);
		assertThat(score.criticScore().percent()).isEqualTo(60);
		assertThat(score.criticScore().topCritics().fresh()).isEqualTo(1);
		assertThat(score.criticScore().topCritics().rotten()).isEqualTo(1);
		assertThat(score.criticScore().topCritics().percent()).isNull();
		assertThat(score.reviewCounts().critic()).isEqualTo(5);
		assertThat(score.reviewCounts().user()).isZero();
	}

	@Test
	void onlyPublishedReviewsCountAndARemovedThenRestoredReviewCountsOnce() {
		userReview("pending-author");
		UUID rejected = userReview("rejected-author");
		decide(rejected, 1, ReviewStatus.REJECTED);
		assertThat(titleScores.readValuesToList()).isEmpty();

		UUID published = userReview("published-author");
		decide(published, 1, ReviewStatus.PUBLISHED);
		assertThat(latestScore().reviewCounts().user()).isEqualTo(1);

		decide(published, 1, ReviewStatus.REMOVED);
		assertThat(latestScore().reviewCounts().user()).isZero();
		decide(published, 1, ReviewStatus.PUBLISHED);
		decide(published, 1, ReviewStatus.PUBLISHED);
		List<CloudEvent<?>> scores = titleScores.readValuesToList();
		assertThat(scores).hasSize(1);
		assertThat(((TitleScoreChanged) scores.getFirst().data()).reviewCounts().user()).isEqualTo(1);
	}

	@Test
	void anEditedReviewStopsCountingUntilItsNewRevisionIsPublishedAndADeletedOneStops() {
		UUID reviewId = critic("critic-e", Verdict.FRESH, false);
		decide(reviewId, 1, ReviewStatus.PUBLISHED);
		assertThat(criticScore().fresh()).isEqualTo(1);

		reviewEvents.pipeInput(reviewId.toString(), CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewEdited(reviewId, TITLE, "critic-e", ReviewType.CRITIC, 2, null, Verdict.ROTTEN, "Gazette",
						false, "h", "changed my mind", false, T0.plusSeconds(5))));
		assertThat(criticScore().count()).isZero();
		decide(reviewId, 1, ReviewStatus.PUBLISHED);
		assertThat(titleScores.readValuesToList()).isEmpty();
		decide(reviewId, 2, ReviewStatus.PUBLISHED);
		TitleScoreChanged.CriticScore afterEdit = criticScore();
		assertThat(afterEdit.fresh()).isZero();
		assertThat(afterEdit.rotten()).isEqualTo(1);

		reviewEvents.pipeInput(reviewId.toString(), CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewDeleted(reviewId, TITLE, "critic-e", ReviewType.CRITIC, T0.plusSeconds(9))));
		assertThat(criticScore().count()).isZero();
	}

	@Test
	void aDecisionArrivingBeforeItsReviewIsKept() {
		UUID reviewId = UUID.randomUUID();
		decide(reviewId, 1, ReviewStatus.PUBLISHED);
		assertThat(titleScores.readValuesToList()).isEmpty();
		reviewEvents.pipeInput(reviewId.toString(), CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewSubmitted(reviewId, TITLE, "early", ReviewType.USER, 1, 9, null, null, false, "h", "b",
						false, T0)));
		assertThat(latestScore().reviewCounts().user()).isEqualTo(1);
	}

	/** A local stack's stores written before versions existed are read on upgrade, as version 0. */
	@Test
	void stateStoredBeforeVersionsIsStillRead() {
		var tally = StateSerdes.of(TitleTally.class).deserializer()
			.deserialize("title-tallies", """
					{"count":1,"sum":8,"histogram":[0,0,0,0,0,0,0,1,0,0],"positive":1,
					 "reviews":{"userReviews":1,"criticReviews":0,"fresh":0,"rotten":0,"topFresh":0,"topRotten":0},
					 "updatedAt":"2026-11-23T12:00:00Z"}""".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(tally.version()).isZero();
		assertThat(tally.overallMean()).isNull();
		assertThat(tally.count()).isEqualTo(1);
		var votes = StateSerdes.of(ReviewTally.class).deserializer()
			.deserialize("review-tallies", """
					{"helpful":2,"notHelpful":1,"updatedAt":"2026-11-23T12:00:00Z"}"""
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(votes.version()).isZero();
		var state = StateSerdes.of(ReviewState.class).deserializer()
			.deserialize("review-states", """
					{"titleId":"t","type":"USER","verdict":null,"topCritic":false,"revision":1,"deleted":false,
					 "decidedRevision":1,"decidedStatus":"PUBLISHED"}""".getBytes(java.nio.charset.StandardCharsets.UTF_8));
		assertThat(state.decidedSequence()).isZero();
		assertThat(state.published()).isTrue();
	}

	@Test
	void everyScorePublishedConformsToItsEventType() {
		rate("alice", 8, T0);
		var record = titleScores.readRecord();
		assertThat(new String(record.headers().lastHeader("content-type").value()))
			.isEqualTo("application/cloudevents+json");
		CloudEvent<?> event = record.value();
		assertThat(event.type()).isEqualTo("reviewflow.title-score-changed.v1");
		assertThat(event.source()).isEqualTo("/reviewflow/scoring");
		assertThat(event.subject()).isEqualTo(TITLE);
	}
}
