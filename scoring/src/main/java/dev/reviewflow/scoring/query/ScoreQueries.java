package dev.reviewflow.scoring.query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.scoring.topology.ScoringSettings;
import dev.reviewflow.scoring.topology.ScoringTopology;
import dev.reviewflow.scoring.topology.StoredScores;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.QueryableStoreTypes;

import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.stereotype.Service;

/**
 * Reads current scores from this instance's state stores (interactive queries); {@link ScoresUnavailable} while the
 * stores restore or rebalance and cannot answer.
 */
@Service
public class ScoreQueries {

	private final KafkaStreamsInteractiveQueryService queries;

	private final StoredScores stored;

	ScoreQueries(StreamsBuilderFactoryBean streams, KafkaStreamsInteractiveQueryService queries,
			ScoringSettings settings) {
		this.queries = queries;
		// before Kafka Streams has started (the first seconds of an instance) there are no stores to ask: Spring
		// Kafka's retrieval would fail with an IllegalArgumentException, which is no reason for a 500
		this.stored = new StoredScores(name -> {
			KafkaStreams kafkaStreams = streams.getKafkaStreams();
			if (kafkaStreams == null) {
				throw ScoresUnavailable.restoring();
			}
			if (!kafkaStreams.state().isRunningOrRebalancing()) {
				// stopping, or stopped by an error: Spring Kafka would throw a bare IllegalStateException (a 500)
				throw ScoresUnavailable.notRunning(kafkaStreams.state());
			}
			return queries.retrieveQueryableStore(name, QueryableStoreTypes.<String, Object>keyValueStore());
		}, settings);
	}

	public Optional<TitleScoreChanged> titleScore(String titleId) {
		return read(() -> stored.titleScore(titleId));
	}

	/** A review's helpfulness score; zero votes when nobody has voted yet. */
	public ReviewScoreChanged reviewScore(UUID reviewId) {
		return read(() -> stored.reviewScore(reviewId));
	}

	/**
	 * The first {@code limit} of this instance's titles in the order of their ids, with their current scores, and how
	 * many titles this instance keeps: one pass over its {@code title-tallies}, holding at most {@code limit} of them.
	 */
	public StoredScores.FirstTitles firstTitleScores(int limit) {
		return read(() -> stored.firstTitleScores(limit));
	}

	/**
	 * The current scores of a title's published reviews that have votes, most helpful first, at most {@code limit}.
	 * This instance's reviews only (reviews are spread over the instances by review id).
	 */
	public List<ReviewScoreChanged> reviewScoresOfTitle(String titleId, int limit) {
		return read(() -> stored.reviewScoresOfTitle(titleId, limit));
	}

	/** C of the weighted rating: the number and mean of all ratings of all titles, as this instance knows them. */
	public GlobalRating globalRating() {
		StoredScores.AllRatings all = read(stored::allRatings);
		return new GlobalRating(all.mean(), all.count());
	}

	/** The title a review belongs to, if scoring has seen the review. */
	public Optional<String> titleOfReview(UUID reviewId) {
		return read(() -> stored.titleOfReview(reviewId));
	}

	/**
	 * The instance that keeps a title's score, when it is another one than this: with several instances each key
	 * lives on one of them.
	 */
	public Optional<HostInfo> titleOwner(String titleId) {
		return remoteOwner(ScoringTopology.TITLE_TALLIES, titleId);
	}

	/** The instance that keeps a review's score, when it is another one than this. */
	public Optional<HostInfo> reviewOwner(UUID reviewId) {
		return remoteOwner(ScoringTopology.REVIEW_TALLIES, reviewId.toString());
	}

	private Optional<HostInfo> remoteOwner(String store, String key) {
		try {
			HostInfo owner = queries.getKafkaStreamsApplicationHostInfo(store, key, new StringSerializer());
			HostInfo self = queries.getCurrentKafkaStreamsApplicationHostInfo();
			return owner == null || owner.equals(self) || owner.equals(HostInfo.unavailable()) ? Optional.empty()
					: Optional.of(owner);
		}
		catch (RuntimeException ex) {
			throw ScoresUnavailable.restoring();
		}
	}

	private static <R> R read(Supplier<R> query) {
		try {
			return query.get();
		}
		catch (InvalidStateStoreException ex) {
			throw ScoresUnavailable.restoring();
		}
		catch (IllegalStateException ex) {
			// Spring Kafka's retrieval gives up after its retries with the store's exception as the cause
			if (ex.getCause() instanceof InvalidStateStoreException) {
				throw ScoresUnavailable.restoring();
			}
			throw ex;
		}
	}
}
