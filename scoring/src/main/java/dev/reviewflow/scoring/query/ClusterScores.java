package dev.reviewflow.scoring.query;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.Page;
import dev.reviewflow.scoring.topology.ScoringTopology;
import dev.reviewflow.scoring.topology.StoredScores;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.state.HostInfo;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.kafka.config.StreamsBuilderFactoryBean;
import org.springframework.kafka.streams.KafkaStreamsInteractiveQueryService;
import org.springframework.stereotype.Service;

/**
 * Title scores across all instances of scoring: each title lives on one instance; what this instance does not keep
 * it asks the instance that does ({@link RemoteScores}), marked as forwarded so the owner answers from its own
 * stores. An owner that does not connect or answer within {@code reviewflow.scoring.queries.forwarding.*} is a
 * {@link ScoresUnavailable}.
 */
@Service
public class ClusterScores {

	/** Marks a query one instance forwarded to another, which then answers from its own stores only. */
	public static final String FORWARDED = RemoteScores.FORWARDED;

	private final ScoreQueries scores;

	private final StreamsBuilderFactoryBean streams;

	private final KafkaStreamsInteractiveQueryService queries;

	private final RemoteScores remote;

	ClusterScores(ScoreQueries scores, StreamsBuilderFactoryBean streams, KafkaStreamsInteractiveQueryService queries,
			RemoteScores remote) {
		this.scores = scores;
		this.streams = streams;
		this.queries = queries;
		this.remote = remote;
	}

	/** A title's current score, wherever it is kept. */
	public Optional<TitleScoreChanged> titleScore(String titleId) {
		Optional<HostInfo> owner = scores.titleOwner(titleId);
		if (owner.isEmpty()) {
			return scores.titleScore(titleId);
		}
		return remote.get(owner.get(), new ParameterizedTypeReference<TitleScoreChanged>() {
		}, "/api/titles/{titleId}/score", titleId);
	}

	/** A review's current helpfulness score, wherever it is kept. */
	public ReviewScoreChanged reviewScore(UUID reviewId) {
		Optional<HostInfo> owner = scores.reviewOwner(reviewId);
		if (owner.isEmpty()) {
			return scores.reviewScore(reviewId);
		}
		return remote.get(owner.get(), new ParameterizedTypeReference<ReviewScoreChanged>() {
		}, "/api/reviews/{reviewId}/score", reviewId).orElseThrow(ScoresUnavailable::ownerSilent);
	}

	/**
	 * One page of every title's current score, in the order of the title ids, gathered from all instances: each one
	 * gives its titles up to the end of the page ({@link #localTitleScores}), and the page is cut from their merge.
	 * Costs one pass over each instance's titles, and one request to each other instance.
	 */
	public Page<TitleScoreChanged> titleScores(int page, int size) {
		int upToEndOfPage = upToEndOfPage(page, size);
		StoredScores.FirstTitles own = scores.firstTitleScores(upToEndOfPage);
		List<TitleScoreChanged> merged = new ArrayList<>(own.first());
		long total = own.total();
		KafkaStreams kafkaStreams = streams.getKafkaStreams();
		if (kafkaStreams != null) {
			HostInfo self = queries.getCurrentKafkaStreamsApplicationHostInfo();
			for (StreamsMetadata instance : kafkaStreams.metadataForAllStreamsClients()) {
				if (!instance.hostInfo().equals(self)
						&& instance.stateStoreNames().contains(ScoringTopology.TITLE_TALLIES)) {
					Page<TitleScoreChanged> theirs = remote
						.get(instance.hostInfo(), new ParameterizedTypeReference<Page<TitleScoreChanged>>() {
						}, "/api/titles/scores?page={page}&size={size}", page, size)
						.orElseThrow(ScoresUnavailable::ownerSilent);
					merged.addAll(theirs.items());
					total += theirs.totalItems();
				}
			}
		}
		return cut(merged, page, size, total);
	}

	/** The page of the merged titles of every instance: sorted by id, from the page's first to its last. */
	static Page<TitleScoreChanged> cut(List<TitleScoreChanged> merged, int page, int size, long total) {
		List<TitleScoreChanged> sorted = new ArrayList<>(merged);
		sorted.sort(Comparator.comparing(TitleScoreChanged::titleId));
		long from = (long) page * size;
		List<TitleScoreChanged> items = from >= sorted.size() ? List.of()
				: List.copyOf(sorted.subList((int) from, Math.min(sorted.size(), upToEndOfPage(page, size))));
		return new Page<>(items, page, size, total);
	}

	/**
	 * What this instance answers a forwarded page request with: its own titles from the first up to the end of the
	 * page (not only the page: which of them fall on the page is known only once every instance's are merged), and
	 * how many titles it keeps.
	 */
	public Page<TitleScoreChanged> localTitleScores(int page, int size) {
		StoredScores.FirstTitles own = scores.firstTitleScores(upToEndOfPage(page, size));
		return new Page<>(own.first(), page, size, own.total());
	}

	static int upToEndOfPage(int page, int size) {
		return (int) Math.min(Integer.MAX_VALUE - 8, ((long) page + 1) * size);
	}
}
