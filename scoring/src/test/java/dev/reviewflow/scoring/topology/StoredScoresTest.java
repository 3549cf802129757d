package dev.reviewflow.scoring.topology;

import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.events.Topics;
import dev.reviewflow.events.Vote;
import dev.reviewflow.events.kafka.CloudEventSerde;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
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

/**
 * What the query side reads from the topology's stores ({@link StoredScores}), driven synchronously: the stores are
 * the {@code TopologyTestDriver}'s, so every read is of the state the topology wrote.
 */
class StoredScoresTest {

	static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

	TopologyTestDriver driver;

	SimpleMeterRegistry meters = new SimpleMeterRegistry();

	TestInputTopic<String, CloudEvent<?>> ratings;

	TestInputTopic<String, CloudEvent<?>> votes;

	TestInputTopic<String, CloudEvent<?>> reviewEvents;

	TestInputTopic<String, CloudEvent<?>> decisions;

	StoredScores stored;

	long version;

	@BeforeEach
	void startDriver() {
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-stored-test");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG,
				System.getProperty("java.io.tmpdir") + "/scoring-stored-ttd-" + System.nanoTime());
		driver = new TopologyTestDriver(ScoringTopology
			.build(new StreamsBuilder(), ScoringSettings.DEFAULTS, meters, Outputs.live("scoring"))
			.build(), config);
		CloudEventSerde serde = new CloudEventSerde();
		ratings = driver.createInputTopic(Topics.RATINGS.name(), new StringSerializer(), serde);
		votes = driver.createInputTopic(Topics.VOTES.name(), new StringSerializer(), serde);
		reviewEvents = driver.createInputTopic(Topics.REVIEW_EVENTS.name(), new StringSerializer(), serde);
		decisions = driver.createInputTopic(Topics.MODERATION_DECISIONS.name(), new StringSerializer(), serde);
		stored = new StoredScores(driver::getKeyValueStore, ScoringSettings.DEFAULTS);
	}

	@AfterEach
	void closeDriver() {
		driver.close();
	}

	void rate(String titleId, String user, Integer rating) {
		ratings.pipeInput(titleId,
				CloudEvent.of("review-intake", titleId, new RatingSet(titleId, user, rating, T0, ++version)));
	}

	void vote(UUID reviewId, String titleId, String voter, Vote vote) {
		votes.pipeInput(reviewId.toString(), CloudEvent.of("moderation", reviewId.toString(),
				new HelpfulnessVoteSet(reviewId, titleId, voter, vote, T0, ++version)));
	}

	UUID publishedReview(String titleId) {
		UUID reviewId = UUID.randomUUID();
		reviewEvents.pipeInput(reviewId.toString(), CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewSubmitted(reviewId, titleId, "author-" + reviewId, ReviewType.USER, 1, 7, null, null, false,
						"h", "b", false, T0)));
		decisions.pipeInput(reviewId.toString(), CloudEvent.of("moderation", reviewId.toString(),
				new ModerationDecided(UUID.randomUUID(), reviewId, titleId, "author", 1, ReviewStatus.PUBLISHED,
						DecisionActor.AUTOMATIC, null, List.of(), T0, 1)));
		return reviewId;
	}

	@Test
	void aTitleScoreIsReadAsItWasPublished() {
		rate("heat-1995", "alice", 9);
		rate("heat-1995", "bob", 6);
		TestOutputTopic<String, CloudEvent<?>> published = driver.createOutputTopic(Topics.TITLE_SCORES.name(),
				new StringDeserializer(), new CloudEventSerde());
		TitleScoreChanged last = (TitleScoreChanged) published.readValuesToList().getLast().data();

		assertThat(stored.titleScore("heat-1995")).hasValue(last);
		assertThat(last.userRating().average()).isEqualTo(7.5);
		assertThat(stored.titleScore("never-rated")).isEmpty();
	}

	@Test
	void aReviewNobodyVotedOnScoresZero() {
		UUID reviewId = UUID.randomUUID();
		ReviewScoreChanged score = stored.reviewScore(reviewId);
		assertThat(score.reviewId()).isEqualTo(reviewId);
		assertThat(score.total()).isZero();
		assertThat(score.wilsonLowerBound()).isZero();
		assertThat(score.version()).isZero();
	}

	@Test
	void aVotedReviewsScoreCountsItsVotes() {
		UUID reviewId = UUID.randomUUID();
		vote(reviewId, "heat-1995", "v1", Vote.HELPFUL);
		vote(reviewId, "heat-1995", "v2", Vote.NOT_HELPFUL);
		vote(reviewId, "heat-1995", "v1", Vote.NOT_HELPFUL);
		ReviewScoreChanged score = stored.reviewScore(reviewId);
		assertThat(score.helpful()).isZero();
		assertThat(score.notHelpful()).isEqualTo(2);
		assertThat(score.version()).isEqualTo(3);
	}

	@Test
	void theFirstTitlesAreTheLowestIdsAndTheTotalCountsThemAll() {
		for (String titleId : List.of("delta", "alpha", "echo", "charlie", "bravo")) {
			rate(titleId, "alice", 5);
		}
		StoredScores.FirstTitles first = stored.firstTitleScores(3);
		assertThat(first.first()).extracting(TitleScoreChanged::titleId).containsExactly("alpha", "bravo", "charlie");
		assertThat(first.total()).isEqualTo(5);
		assertThat(stored.firstTitleScores(0).first()).isEmpty();
		assertThat(stored.firstTitleScores(0).total()).isEqualTo(5);
		assertThat(stored.firstTitleScores(50).first()).hasSize(5);
	}

	@Test
	void aTitlesReviewScoresAreItsPublishedVotedReviewsMostHelpfulFirst() {
		UUID better = publishedReview("heat-1995");
		UUID worse = publishedReview("heat-1995");
		UUID unvoted = publishedReview("heat-1995");
		UUID otherTitles = publishedReview("ronin-1998");
		for (int i = 0; i < 4; i++) {
			vote(better, "heat-1995", "v" + i, Vote.HELPFUL);
			vote(worse, "heat-1995", "v" + i, i == 0 ? Vote.HELPFUL : Vote.NOT_HELPFUL);
			vote(otherTitles, "ronin-1998", "v" + i, Vote.HELPFUL);
		}
		assertThat(stored.reviewScoresOfTitle("heat-1995", 10)).extracting(ReviewScoreChanged::reviewId)
			.containsExactly(better, worse)
			.doesNotContain(unvoted);
		assertThat(stored.reviewScoresOfTitle("heat-1995", 1)).extracting(ReviewScoreChanged::reviewId)
			.containsExactly(better);
		assertThat(stored.reviewScoresOfTitle("heat-1995", 0)).isEmpty();
	}

	@Test
	void theMeanOfAllRatingsCoversEveryTitleAndIsNoneBeforeTheFirst() {
		assertThat(stored.allRatings()).isEqualTo(new StoredScores.AllRatings(null, 0));
		rate("heat-1995", "alice", 8);
		rate("ronin-1998", "bob", 3);
		rate("ronin-1998", "carol", 4);
		assertThat(stored.allRatings()).isEqualTo(new StoredScores.AllRatings(5.0, 3));
		rate("ronin-1998", "carol", null);
		assertThat(stored.allRatings()).isEqualTo(new StoredScores.AllRatings(5.5, 2));
	}

	@Test
	void theTitleOfAReviewIsKnownOnceTheReviewIsSeen() {
		UUID reviewId = publishedReview("heat-1995");
		assertThat(stored.titleOfReview(reviewId)).hasValue("heat-1995");
		assertThat(stored.titleOfReview(UUID.randomUUID())).isEmpty();
	}

	@Test
	void everyInputEventIsCountedByItsType() {
		rate("heat-1995", "alice", 8);
		rate("heat-1995", "alice", 8);
		UUID reviewId = publishedReview("heat-1995");
		vote(reviewId, "heat-1995", "v", Vote.HELPFUL);
		assertThat(meters.get("reviewflow.scoring.events").tag("type", "reviewflow.rating-set.v1").counter().count())
			.as("a duplicate is counted as an event, not as a rating").isEqualTo(2);
		assertThat(meters.get("reviewflow.scoring.events").tag("type", "reviewflow.review-submitted.v1").counter()
			.count()).isEqualTo(1);
		assertThat(meters.get("reviewflow.scoring.events").tag("type", "reviewflow.moderation-decided.v1").counter()
			.count()).isEqualTo(1);
		assertThat(meters.get("reviewflow.scoring.events").tag("type", "reviewflow.helpfulness-vote-set.v1").counter()
			.count()).isEqualTo(1);
	}

	@Test
	void aRebuildWritesItsScoresToShadowTopicsOnly() {
		driver.close();
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-rebuild-test");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG,
				System.getProperty("java.io.tmpdir") + "/scoring-rebuild-ttd-" + System.nanoTime());
		Outputs shadow = Outputs.shadow("scoring-v2");
		driver = new TopologyTestDriver(ScoringTopology
			.build(new StreamsBuilder(), ScoringSettings.DEFAULTS, new SimpleMeterRegistry(), shadow)
			.build(), config);
		CloudEventSerde serde = new CloudEventSerde();
		driver.createInputTopic(Topics.RATINGS.name(), new StringSerializer(), serde)
			.pipeInput("heat-1995", CloudEvent.of("review-intake", "heat-1995",
					new RatingSet("heat-1995", "alice", 8, T0, 1)));

		assertThat(shadow.titleScores()).isEqualTo("scoring-v2.title-scores");
		assertThat(shadow.globalRatings()).isEqualTo("scoring-v2.global-ratings");
		assertThat(driver.createOutputTopic(shadow.titleScores(), new StringDeserializer(), serde).readValuesToList())
			.hasSize(1);
		assertThat(driver.producedTopicNames()).doesNotContain(Topics.TITLE_SCORES.name());
	}
}
