package dev.reviewflow.scoring.live;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.scoring.query.ClusterScores;
import dev.reviewflow.scoring.query.ScoreQueries;
import dev.reviewflow.scoring.query.ScoresUnavailable;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes every published score to the connected dashboards. It reads the score topics as they are committed (each
 * instance in a consumer group of its own, so every instance sees every score), and sends each client the current
 * values first, then every change, with a heartbeat comment when idle. Reading the published scores is also where
 * {@code reviewflow.score.freshness} is measured: from the event time of the input to the score being readable.
 */
@Component
public class LiveScores implements DisposableBean {

	static final String TITLE_SCORE = "title-score";

	static final String REVIEW_SCORE = "review-score";

	/** How long a refused client is asked to wait before it tries again. */
	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final List<LiveClient> clients = new CopyOnWriteArrayList<>();

	/** Who holds each stream, and how many each holds (guarded by this), with their sum. */
	private final Map<LiveClient, String> owners = new ConcurrentHashMap<>();

	private final Map<String, Integer> streamsOf = new java.util.HashMap<>();

	private int open;

	/** Set once the application starts to stop: no new stream from then on. */
	private volatile boolean stopping;

	private final ScoreQueries scores;

	private final ClusterScores cluster;

	private final LiveProperties properties;

	private final Timer freshness;

	/** The input time of the latest score seen per title, to tell a new input from a score published anew. */
	private final Map<String, Instant> inputTimes = new ConcurrentHashMap<>();

	/** The heartbeat every stream gets, on Spring's task scheduler. */
	private final ScheduledFuture<?> heartbeats;

	LiveScores(ScoreQueries scores, ClusterScores cluster, LiveProperties properties, MeterRegistry meters,
			TaskScheduler scheduler) {
		this.scores = scores;
		this.cluster = cluster;
		this.properties = properties;
		this.heartbeats = scheduler.scheduleAtFixedRate(this::heartbeat,
				Instant.now().plus(properties.heartbeat()), properties.heartbeat());
		this.freshness = Timer.builder("reviewflow.score.freshness")
			.description("From the event time of the input that changed a score to the score being published")
			.publishPercentiles(0.5, 0.99)
			.publishPercentileHistogram()
			.register(meters);
		Gauge.builder("reviewflow.live.clients", clients, List::size)
			.description("Dashboards connected to the live score stream")
			.register(meters);
	}

	/**
	 * A new stream for the given titles (none: all titles), starting with their current scores; refused (before any
	 * work) when the instance or the client already holds as many streams as it may.
	 */
	public SseEmitter connect(Set<String> titleIds, String owner) {
		reserve(owner);
		try {
			return open(titleIds, owner);
		}
		catch (RuntimeException ex) {
			release(owner);
			throw ex;
		}
	}

	private synchronized void reserve(String owner) {
		if (stopping) {
			throw new StreamRefused(StreamRefused.Holder.INSTANCE,
					"This scoring instance is stopping; connect again in a few seconds.", RETRY_AFTER);
		}
		// the client's own share first: one who holds too many is told so, whether or not the instance is full
		int held = streamsOf.getOrDefault(owner, 0);
		if (held >= properties.maxStreamsPerClient()) {
			throw new StreamRefused(StreamRefused.Holder.CLIENT, "You hold " + held
					+ " live streams, the most one client may; close one first.", RETRY_AFTER);
		}
		if (open >= properties.maxStreams()) {
			throw new StreamRefused(StreamRefused.Holder.INSTANCE, "The live stream has as many listeners as it takes ("
					+ properties.maxStreams() + "); try again shortly.", RETRY_AFTER);
		}
		streamsOf.put(owner, held + 1);
		open++;
	}

	private synchronized void release(String owner) {
		streamsOf.computeIfPresent(owner, (key, held) -> held > 1 ? held - 1 : null);
		open--;
	}

	private SseEmitter open(Set<String> titleIds, String owner) {
		List<ScoreUpdate> current = snapshot(titleIds);
		SseEmitter emitter = new SseEmitter(properties.maxStreamAge().toMillis());
		LiveClient client = new LiveClient(emitter, titleIds, properties.clientBuffer());
		emitter.onCompletion(() -> remove(client));
		emitter.onTimeout(() -> remove(client));
		emitter.onError(error -> remove(client));
		current.forEach(client::offer);
		// from here on the client's place is freed by forget(), not by connect()
		owners.put(client, owner);
		clients.add(client);
		Thread.ofVirtual().name("live-client").start(client::pump);
		if (stopping) {
			// the stop began while this stream was being opened, after endStreams() had gone through the clients
			client.end();
		}
		return emitter;
	}

	/**
	 * What a new stream gets first, never more than its buffer holds, so reading it costs what can be sent. For all
	 * titles: title scores only, the first {@code snapshot-titles} by id (one pass over the titles of each instance,
	 * never a review); a dashboard that wants every title pages through {@code GET /api/titles/scores}, and gets
	 * every change live. For given titles: each title's score and its most helpful reviews' scores, from the
	 * {@code title-reviews} index (one prefix scan per title: the cost is that title's reviews, not all reviews).
	 */
	private List<ScoreUpdate> snapshot(Set<String> titleIds) {
		if (titleIds.isEmpty()) {
			return cluster.titleScores(0, Math.min(properties.snapshotTitles(), properties.clientBuffer()))
				.items()
				.stream()
				.map(LiveScores::titleUpdate)
				.toList();
		}
		List<ScoreUpdate> updates = new ArrayList<>();
		for (String titleId : titleIds) {
			cluster.titleScore(titleId).ifPresent(score -> updates.add(titleUpdate(score)));
		}
		int reviewsPerTitle = Math.max(0, (properties.clientBuffer() - titleIds.size()) / titleIds.size());
		for (String titleId : titleIds) {
			scores.reviewScoresOfTitle(titleId, reviewsPerTitle)
				.forEach(score -> updates.add(reviewUpdate(score, titleId)));
		}
		return updates;
	}

	@KafkaListener(id = "scoring-live", idIsGroup = false, groupId = "scoring-live-${random.uuid}",
			topics = { "reviews.title-scores", "reviews.review-scores" })
	void on(CloudEvent<?> event) {
		ScoreUpdate update = switch (event.data()) {
			case TitleScoreChanged title -> titleUpdate(title);
			case ReviewScoreChanged review -> reviewUpdate(review, titleOfReview(review.reviewId()));
			default -> null;
		};
		if (update != null) {
			Instant causedAt = switch (event.data()) {
				// a title published anew only because C moved keeps the time of its latest own input: not a measure
				case TitleScoreChanged title -> title.updatedAt().equals(inputTimes.put(title.titleId(), title.updatedAt()))
						? null : title.updatedAt();
				case ReviewScoreChanged review -> review.updatedAt();
				default -> null;
			};
			if (causedAt != null) {
				freshness.record(Duration.between(causedAt, Instant.now()));
			}
			for (LiveClient client : clients) {
				if (client.wants(update)) {
					client.offer(update);
				}
			}
		}
	}

	/**
	 * The title of a review, as the stores know it; unknown while they restore (the first seconds of an instance, a
	 * rebalance): the score then reaches the streams of all titles only, and a valid event is no reason to dead-letter.
	 */
	private @Nullable String titleOfReview(UUID reviewId) {
		try {
			return scores.titleOfReview(reviewId).orElse(null);
		}
		catch (ScoresUnavailable ex) {
			return null;
		}
	}

	private static ScoreUpdate titleUpdate(TitleScoreChanged score) {
		return new ScoreUpdate(TITLE_SCORE, score.titleId(), score.titleId(), score);
	}

	private static ScoreUpdate reviewUpdate(ReviewScoreChanged score, @Nullable String titleId) {
		return new ScoreUpdate(REVIEW_SCORE, score.reviewId().toString(), titleId, score);
	}

	private void heartbeat() {
		for (LiveClient client : clients) {
			if (client.closed()) {
				forget(client);
			}
			else {
				client.heartbeat();
			}
		}
	}

	private void remove(LiveClient client) {
		client.close();
		forget(client);
	}

	/** Whichever of completion, timeout, error or the heartbeat notices first frees the client's place, once. */
	private void forget(LiveClient client) {
		clients.remove(client);
		String owner = owners.remove(client);
		if (owner != null) {
			release(owner);
		}
	}

	/**
	 * Ends every stream as soon as the application starts to stop, before the web server's graceful shutdown: an open
	 * stream is an active request, which it would otherwise wait for until its timeout (30 s) on every stop. A stream
	 * asked for from then on (the pages reconnecting theirs while scoring's web server still takes requests) is
	 * refused.
	 */
	@EventListener(ContextClosedEvent.class)
	void endStreams() {
		stopping = true;
		clients.forEach(LiveClient::end);
	}

	@Override
	public void destroy() {
		heartbeats.cancel(false);
		clients.forEach(LiveClient::close);
	}
}
