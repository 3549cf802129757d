package dev.reviewflow.scoring.topology;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.Topics;
import dev.reviewflow.events.Verdict;
import dev.reviewflow.events.Vote;
import dev.reviewflow.events.kafka.CloudEventSerde;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code title-reviews} index, driven through the topology: a title's published reviews by one prefix scan, in
 * step with the review states whatever the order and number of copies of the events.
 */
class TitleReviewIndexTest {

	static final String TITLE = "alien-1979";

	/** A title whose id begins with the other's: its reviews must not show up under the other's prefix. */
	static final String LONGER_TITLE = "alien-1979-directors-cut";

	static final Instant T0 = Instant.parse("2026-11-23T12:00:00Z");

	TopologyTestDriver driver;

	TestInputTopic<String, CloudEvent<?>> reviewEvents;

	TestInputTopic<String, CloudEvent<?>> decisions;

	TestInputTopic<String, CloudEvent<?>> votes;

	KeyValueStore<String, TitleReview> index;

	final Map<String, Long> sequences = new HashMap<>();

	@BeforeEach
	void startDriver() {
		Properties config = new Properties();
		config.put(StreamsConfig.APPLICATION_ID_CONFIG, "scoring-index-test");
		config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
		config.put(StreamsConfig.STATE_DIR_CONFIG,
				System.getProperty("java.io.tmpdir") + "/scoring-index-ttd-" + System.nanoTime());
		driver = new TopologyTestDriver(ScoringTopology.build(new StreamsBuilder(), ScoringSettings.DEFAULTS).build(),
				config);
		CloudEventSerde serde = new CloudEventSerde();
		reviewEvents = driver.createInputTopic(Topics.REVIEW_EVENTS.name(), new StringSerializer(), serde);
		decisions = driver.createInputTopic(Topics.MODERATION_DECISIONS.name(), new StringSerializer(), serde);
		votes = driver.createInputTopic(Topics.VOTES.name(), new StringSerializer(), serde);
		index = driver.getKeyValueStore(ScoringTopology.TITLE_REVIEWS);
	}

	@AfterEach
	void closeDriver() {
		driver.close();
	}

	CloudEvent<ReviewSubmitted> submit(UUID reviewId, String titleId, ReviewType type) {
		CloudEvent<ReviewSubmitted> event = CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewSubmitted(reviewId, titleId, "author-" + reviewId, type, 1, type == ReviewType.USER ? 7 : null,
						type == ReviewType.CRITIC ? Verdict.FRESH : null, type == ReviewType.CRITIC ? "Gazette" : null,
						false, "h", "b", false, T0));
		reviewEvents.pipeInput(reviewId.toString(), event);
		return event;
	}

	UUID published(String titleId) {
		UUID reviewId = UUID.randomUUID();
		submit(reviewId, titleId, ReviewType.USER);
		decide(reviewId, titleId, 1, ReviewStatus.PUBLISHED);
		return reviewId;
	}

	void decide(UUID reviewId, String titleId, int revision, ReviewStatus status) {
		decide(reviewId, titleId, revision, status, sequences.merge(reviewId.toString(), 1L, Long::sum));
	}

	CloudEvent<ModerationDecided> decide(UUID reviewId, String titleId, int revision, ReviewStatus status,
			long sequence) {
		sequences.merge(reviewId.toString(), sequence, Math::max);
		CloudEvent<ModerationDecided> event = CloudEvent.of("moderation", reviewId.toString(),
				new ModerationDecided(UUID.randomUUID(), reviewId, titleId, "author", revision, status,
						DecisionActor.AUTOMATIC, null, List.of(), T0.plusSeconds(1), sequence));
		decisions.pipeInput(reviewId.toString(), event);
		return event;
	}

	void edit(UUID reviewId, String titleId, int revision) {
		reviewEvents.pipeInput(reviewId.toString(), CloudEvent.of("review-intake", reviewId.toString(),
				new ReviewEdited(reviewId, titleId, "author-" + reviewId, ReviewType.USER, revision, 6, null, null,
						false, "h", "edited", false, T0.plusSeconds(revision))));
	}

	void vote(UUID reviewId, String titleId, String voter, Vote vote) {
		votes.pipeInput(reviewId.toString(), CloudEvent.of("moderation", reviewId.toString(),
				new HelpfulnessVoteSet(reviewId, titleId, voter, vote, T0, 1)));
	}

	List<String> indexed(String titleId) {
		return TitleReview.reviewIdsOf(index, titleId);
	}

	@Test
	void aTitlesPublishedReviewsAreFoundByItsPrefixAndNoOtherTitles() {
		UUID user = published(TITLE);
		UUID critic = UUID.randomUUID();
		submit(critic, TITLE, ReviewType.CRITIC);
		decide(critic, TITLE, 1, ReviewStatus.PUBLISHED);
		UUID pending = UUID.randomUUID();
		submit(pending, TITLE, ReviewType.USER);
		UUID rejected = UUID.randomUUID();
		submit(rejected, TITLE, ReviewType.USER);
		decide(rejected, TITLE, 1, ReviewStatus.REJECTED);
		UUID held = UUID.randomUUID();
		submit(held, TITLE, ReviewType.USER);
		decide(held, TITLE, 1, ReviewStatus.HELD);
		UUID other = published(LONGER_TITLE);

		assertThat(indexed(TITLE)).containsExactlyInAnyOrder(user.toString(), critic.toString());
		assertThat(indexed(LONGER_TITLE)).containsExactly(other.toString());
		assertThat(indexed("alien")).isEmpty();
		assertThat(index.get(TitleReview.key(TITLE, critic.toString()))).isEqualTo(new TitleReview(ReviewType.CRITIC, 1));
	}

	@Test
	void deletionRemovalHidingAndAnEditDropAReviewAndItsNextPublicationBringsItBack() {
		UUID removed = published(TITLE);
		UUID hidden = published(TITLE);
		UUID edited = published(TITLE);
		UUID deleted = published(TITLE);
		assertThat(indexed(TITLE)).hasSize(4);

		decide(removed, TITLE, 1, ReviewStatus.REMOVED);
		decide(hidden, TITLE, 1, ReviewStatus.HIDDEN);
		edit(edited, TITLE, 2);
		reviewEvents.pipeInput(deleted.toString(), CloudEvent.of("review-intake", deleted.toString(),
				new ReviewDeleted(deleted, TITLE, "author", ReviewType.USER, T0.plusSeconds(9))));
		assertThat(indexed(TITLE)).isEmpty();
		assertThat(index.get(TitleReview.key(TITLE, deleted.toString()))).isNull();

		// a moderator keeps the hidden one, the edit is published, the removed one is restored on appeal
		decide(hidden, TITLE, 1, ReviewStatus.PUBLISHED);
		decide(edited, TITLE, 2, ReviewStatus.PUBLISHED);
		decide(removed, TITLE, 1, ReviewStatus.PUBLISHED);
		// a deleted review stays gone, whatever is decided about it later
		decide(deleted, TITLE, 1, ReviewStatus.PUBLISHED);
		assertThat(indexed(TITLE)).containsExactlyInAnyOrder(removed.toString(), hidden.toString(), edited.toString());
		assertThat(index.get(TitleReview.key(TITLE, edited.toString()))).isEqualTo(new TitleReview(ReviewType.USER, 2));
	}

	@Test
	void duplicatesAndLateOlderEventsLeaveTheIndexAsTheReviewsStateSays() {
		UUID reviewId = UUID.randomUUID();
		CloudEvent<ReviewSubmitted> submitted = submit(reviewId, TITLE, ReviewType.USER);
		CloudEvent<ModerationDecided> first = decide(reviewId, TITLE, 1, ReviewStatus.PUBLISHED, 1);
		CloudEvent<ModerationDecided> removal = decide(reviewId, TITLE, 1, ReviewStatus.REMOVED, 3);
		assertThat(indexed(TITLE)).isEmpty();

		// an older decision arriving late, and copies of what was already applied, change nothing
		decide(reviewId, TITLE, 1, ReviewStatus.PUBLISHED, 2);
		decisions.pipeInput(reviewId.toString(), first);
		decisions.pipeInput(reviewId.toString(), removal);
		reviewEvents.pipeInput(reviewId.toString(), submitted);
		assertThat(indexed(TITLE)).isEmpty();

		decide(reviewId, TITLE, 1, ReviewStatus.PUBLISHED, 4);
		assertThat(indexed(TITLE)).containsExactly(reviewId.toString());
		// the publication resent, and the first revision arriving again after a second one was published
		decide(reviewId, TITLE, 1, ReviewStatus.PUBLISHED, 4);
		edit(reviewId, TITLE, 2);
		decide(reviewId, TITLE, 2, ReviewStatus.PUBLISHED, 5);
		reviewEvents.pipeInput(reviewId.toString(), submitted);
		decisions.pipeInput(reviewId.toString(), first);
		assertThat(indexed(TITLE)).containsExactly(reviewId.toString());
		assertThat(index.get(TitleReview.key(TITLE, reviewId.toString()))).isEqualTo(new TitleReview(ReviewType.USER, 2));
		assertThat(index.approximateNumEntries()).isEqualTo(1);
	}

	@Test
	void aDecisionArrivingBeforeItsReviewIndexesTheReviewOnceItArrives() {
		UUID reviewId = UUID.randomUUID();
		decide(reviewId, TITLE, 1, ReviewStatus.PUBLISHED);
		assertThat(indexed(TITLE)).as("published, but of a review not seen yet: it does not count").isEmpty();
		submit(reviewId, TITLE, ReviewType.USER);
		assertThat(indexed(TITLE)).containsExactly(reviewId.toString());
	}

	@Test
	void aTitlesReviewScoresComeFromTheIndexMostHelpfulFirstPublishedOnly() {
		UUID best = published(TITLE);
		UUID middling = published(TITLE);
		UUID unvoted = published(TITLE);
		UUID removed = published(TITLE);
		UUID elsewhere = published(LONGER_TITLE);
		for (int i = 0; i < 5; i++) {
			vote(best, TITLE, "voter-" + i, Vote.HELPFUL);
			vote(middling, TITLE, "voter-" + i, i < 2 ? Vote.HELPFUL : Vote.NOT_HELPFUL);
			vote(removed, TITLE, "voter-" + i, Vote.HELPFUL);
			vote(elsewhere, LONGER_TITLE, "voter-" + i, Vote.HELPFUL);
		}
		decide(removed, TITLE, 1, ReviewStatus.REMOVED);
		KeyValueStore<String, ReviewTally> tallies = driver.getKeyValueStore(ScoringTopology.REVIEW_TALLIES);

		List<ReviewScoreChanged> scores = TitleReview.scoresOf(index, tallies, TITLE, 10);
		assertThat(scores).extracting(ReviewScoreChanged::reviewId).containsExactly(best, middling);
		assertThat(scores.getFirst().helpful()).isEqualTo(5);
		assertThat(scores.get(1).helpful()).isEqualTo(2);
		assertThat(scores.get(1).notHelpful()).isEqualTo(3);
		assertThat(TitleReview.scoresOf(index, tallies, TITLE, 1)).extracting(ReviewScoreChanged::reviewId)
			.containsExactly(best);
		assertThat(indexed(TITLE)).contains(unvoted.toString());
	}

	/**
	 * A store kept from before the index existed: the task fills the index from the review states, once, also when
	 * records processed before its first punctuation already wrote entries.
	 */
	@Test
	void theIndexIsFilledFromTheReviewStatesOnceEvenWhenRecordsCameFirst() {
		UUID one = published(TITLE);
		UUID two = published(LONGER_TITLE);
		UUID pending = UUID.randomUUID();
		submit(pending, TITLE, ReviewType.USER);
		// one review known from before the index existed; the other processed since, before the first punctuation
		List<KeyValue<String, TitleReview>> before = List.of(
				KeyValue.pair(TitleReview.key(TITLE, one.toString()), index.get(TitleReview.key(TITLE, one.toString()))));
		before.forEach(entry -> index.delete(entry.key));
		assertThat(indexed(TITLE)).isEmpty();
		assertThat(indexed(LONGER_TITLE)).containsExactly(two.toString());

		driver.advanceWallClockTime(Duration.ofSeconds(1));
		assertThat(indexed(TITLE)).containsExactly(one.toString());
		assertThat(indexed(LONGER_TITLE)).containsExactly(two.toString());
		before.forEach(entry -> assertThat(index.get(entry.key)).isEqualTo(entry.value));

		// it ran once: what happens to the index afterwards is processing's alone
		before.forEach(entry -> index.delete(entry.key));
		driver.advanceWallClockTime(Duration.ofSeconds(1));
		assertThat(indexed(TITLE)).isEmpty();
	}
}
