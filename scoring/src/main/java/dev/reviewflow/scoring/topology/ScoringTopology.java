package dev.reviewflow.scoring.topology;

import java.nio.charset.StandardCharsets;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.events.Topics;
import dev.reviewflow.events.kafka.CloudEventSerde;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.jspecify.annotations.Nullable;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

import org.springframework.kafka.support.serializer.JacksonJsonSerde;

/** The scoring topology, as a plain function of a {@link StreamsBuilder}. */
public final class ScoringTopology {

	/** The {@code source} of the events scoring publishes. */
	static final String SOURCE = "scoring";

	/** Each user's current rating of each title, keyed {@code titleId|userId}. */
	public static final String USER_RATINGS = "user-ratings";

	/** Each title's running tally, keyed by titleId. */
	public static final String TITLE_TALLIES = "title-tallies";

	/** The number and sum of all ratings of all titles (one key), read by every instance: C of the weighted rating. */
	public static final String GLOBAL_RATINGS = "global-ratings";

	static final String ALL = "all";

	/** What scoring knows of each review (type, verdict, revision, latest decision), keyed by reviewId. */
	public static final String REVIEW_STATES = "review-states";

	/**
	 * Each title's published reviews, keyed {@code titleId|reviewId} ({@link TitleReview}): a title's reviews by one
	 * prefix scan. Beside {@link #REVIEW_STATES}, partitioned by review.
	 */
	public static final String TITLE_REVIEWS = "title-reviews";

	/** Each voter's current vote on each review, keyed {@code reviewId|voterId}. */
	public static final String VOTER_VOTES = "voter-votes";

	/** Each review's running vote tally, keyed by reviewId. */
	public static final String REVIEW_TALLIES = "review-tallies";

	private ScoringTopology() {
	}

	private static void counted(MeterRegistry meters, CloudEvent<?> event) {
		meters.counter("reviewflow.scoring.events", "type", event.type()).increment();
	}

	/** C of the weighted rating as the global store knows it now; null before the first rating. */
	static @Nullable Double overallMean(ProcessorContext<?, ?> context) {
		TimestampedKeyValueStore<String, RatingSums> store = context.getStateStore(GLOBAL_RATINGS);
		ValueAndTimestamp<RatingSums> all = store.get(ALL);
		return all == null ? null : all.value().mean();
	}

	/** Headers of every record scoring publishes: structured-mode CloudEvents. */
	static Headers cloudEventHeaders() {
		return new RecordHeaders().add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * The record scoring publishes because of {@code cause}: {@code score} under {@code key} as a CloudEvent, in the
	 * trace of the event that changed it (its well-formed {@code traceparent} header, in the envelope and as a header),
	 * so a vote's or a review's trace goes on to the consumers of the scores.
	 */
	static Record<String, CloudEvent<?>> published(Record<?, ?> cause, String key, Object score) {
		Header header = cause.headers().lastHeader("traceparent");
		String received = header == null || header.value() == null ? null
				: new String(header.value(), StandardCharsets.US_ASCII);
		String traceparent = CloudEvent.isTraceparent(received) ? received : null;
		Headers headers = cloudEventHeaders();
		if (traceparent != null) {
			headers.add("traceparent", traceparent.getBytes(StandardCharsets.US_ASCII));
		}
		CloudEvent<?> event = CloudEvent.<Object>of(SOURCE, key, score).inTrace(traceparent);
		return cause.withKey(key).<CloudEvent<?>>withValue(event).withHeaders(headers);
	}

	/** The live topology of application id {@code scoring}, without metrics (tests). */
	public static StreamsBuilder build(StreamsBuilder builder, ScoringSettings settings) {
		return build(builder, settings, new SimpleMeterRegistry(), Outputs.live("scoring"));
	}

	/**
	 * The topology.
	 * @param meters where input events are counted by type ({@code reviewflow.scoring.events})
	 * @param outputs the topics it writes
	 */
	public static StreamsBuilder build(StreamsBuilder builder, ScoringSettings settings, MeterRegistry meters,
			Outputs outputs) {
		CloudEventSerde events = new CloudEventSerde();
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(USER_RATINGS),
				Serdes.String(), StateSerdes.of(UserRating.class)));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TITLE_TALLIES),
				Serdes.String(), StateSerdes.of(TitleTally.class)));

		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(VOTER_VOTES),
				Serdes.String(), StateSerdes.of(VoterVote.class)));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REVIEW_TALLIES),
				Serdes.String(), StateSerdes.of(ReviewTally.class)));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(REVIEW_STATES),
				Serdes.String(), StateSerdes.of(ReviewState.class)));
		builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TITLE_REVIEWS),
				Serdes.String(), StateSerdes.of(TitleReview.class)));
		Produced<String, CloudEvent<?>> produced = Produced.with(Serdes.String(), events);
		Consumed<String, CloudEvent<?>> consumed = Consumed.with(Serdes.String(), events);

		// C, the mean of all ratings: each title's latest sums in, the previous ones out, one key for all titles
		JacksonJsonSerde<RatingSums> sums = StateSerdes.of(RatingSums.class);
		builder.stream(outputs.titleScores(), consumed)
			.filter((titleId, event) -> event.data() instanceof TitleScoreChanged)
			.mapValues(event -> RatingSums.of((TitleScoreChanged) event.data()))
			.toTable(Named.as("title-rating-sums"),
					Materialized.<String, RatingSums, KeyValueStore<Bytes, byte[]>>as("title-rating-sums")
						.withKeySerde(Serdes.String())
						.withValueSerde(sums))
			.groupBy((titleId, titleSums) -> KeyValue.pair(ALL, titleSums),
					Grouped.with("all-ratings", Serdes.String(), sums))
			.aggregate(() -> RatingSums.NONE, (key, titleSums, total) -> total.plus(titleSums),
					(key, titleSums, total) -> total.minus(titleSums),
					Materialized.<String, RatingSums, KeyValueStore<Bytes, byte[]>>as("all-rating-sums")
						.withKeySerde(Serdes.String())
						.withValueSerde(sums))
			.toStream()
			.to(outputs.globalRatings(), Produced.with(Serdes.String(), sums));
		builder.globalTable(outputs.globalRatings(), Consumed.with(Serdes.String(), sums),
				Materialized.<String, RatingSums, KeyValueStore<Bytes, byte[]>>as(GLOBAL_RATINGS)
					.withKeySerde(Serdes.String())
					.withValueSerde(sums));

		builder.stream(Topics.RATINGS.name(), consumed)
			.peek((key, event) -> counted(meters, event))
			.process(() -> new RatingsProcessor(settings), USER_RATINGS, TITLE_TALLIES)
			.to(outputs.titleScores(), produced);

		// reviews and decisions are keyed by reviewId; their effect on counts moves to the title's partition
		builder.stream(Topics.REVIEW_EVENTS.name(), consumed)
			.merge(builder.stream(Topics.MODERATION_DECISIONS.name(), consumed))
			.peek((key, event) -> counted(meters, event))
			.process(ReviewsProcessor::new, REVIEW_STATES, TITLE_REVIEWS)
			.repartition(Repartitioned.with(Serdes.String(), StateSerdes.of(ReviewContribution.Change.class))
				.withName("title-review-changes")
				.withNumberOfPartitions(Topics.PARTITIONS))
			.process(() -> new TitleReviewsProcessor(settings), TITLE_TALLIES)
			.to(outputs.titleScores(), produced);
		builder.stream(Topics.VOTES.name(), Consumed.with(Serdes.String(), events))
			.peek((key, event) -> counted(meters, event))
			.process(VotesProcessor::new, VOTER_VOTES, REVIEW_TALLIES)
			.to(outputs.reviewScores(), produced);
		return builder;
	}
}
