package dev.reviewflow.web.live;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.reviewflow.events.TitleIds;
import dev.reviewflow.web.WebProperties;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * The browsers' live streams, fed from {@link ScoringStream}: each follows up to {@code max-titles} titles and
 * {@code max-reviews} reviews. The instance serves at most {@code max-streams} streams and one address at most
 * {@code max-streams-per-address}; beyond that a new stream is refused with 429 and {@code Retry-After}, so no client
 * can take the streams of others.
 */
@Component
class LiveScores {

	static final Duration HEARTBEAT = Duration.ofSeconds(15);

	static final Duration RETRY_AFTER = Duration.ofSeconds(5);

	private final List<Follower> followers = new CopyOnWriteArrayList<>();

	private final Map<String, Integer> streamsOf = new HashMap<>();

	private int open;

	private final WebProperties.Live properties;

	LiveScores(ScoringStream scoring, WebProperties properties) {
		this.properties = properties.live();
		scoring.listen(this::on);
	}

	SseEmitter follow(List<String> titleIds, List<UUID> reviewIds, String address) {
		Set<String> keys = new LinkedHashSet<>();
		if (titleIds.size() > properties.maxTitles() || reviewIds.size() > properties.maxReviews()
				|| !titleIds.stream().allMatch(TitleIds::isValid)) {
			throw refused(HttpStatus.BAD_REQUEST, "Follow at most " + properties.maxTitles() + " titles (ids matching "
					+ TitleIds.PATTERN + ") and " + properties.maxReviews() + " reviews.");
		}
		titleIds.forEach(titleId -> keys.add("title-score:" + titleId));
		reviewIds.forEach(reviewId -> keys.add("review-score:" + reviewId));
		reserve(address);
		SseEmitter emitter = new SseEmitter(properties.streamAge().toMillis());
		Follower follower = new Follower(emitter, keys, HEARTBEAT);
		Runnable forget = () -> {
			follower.close();
			if (followers.remove(follower)) {
				release(address);
			}
		};
		emitter.onCompletion(forget);
		emitter.onTimeout(forget);
		emitter.onError(error -> forget.run());
		followers.add(follower);
		Thread.ofVirtual().name("live-follower").start(follower::pump);
		return emitter;
	}

	private void on(ScoreEvent event) {
		for (Follower follower : followers) {
			if (follower.follows(event)) {
				follower.offer(event);
			}
		}
	}

	private synchronized void reserve(String address) {
		int held = streamsOf.getOrDefault(address, 0);
		if (held >= properties.maxStreamsPerAddress()) {
			throw refused(HttpStatus.TOO_MANY_REQUESTS,
					"This address holds " + held + " live streams, the most one may; close a page first.");
		}
		if (open >= properties.maxStreams()) {
			throw refused(HttpStatus.TOO_MANY_REQUESTS,
					"The live stream has as many listeners as it takes (" + properties.maxStreams() + "); try again shortly.");
		}
		streamsOf.put(address, held + 1);
		open++;
	}

	private synchronized void release(String address) {
		streamsOf.computeIfPresent(address, (key, held) -> held > 1 ? held - 1 : null);
		open--;
	}

	private static ErrorResponseException refused(HttpStatus status, String detail) {
		ErrorResponseException refused = new ErrorResponseException(status);
		refused.setDetail(detail);
		if (status == HttpStatus.TOO_MANY_REQUESTS) {
			refused.getHeaders().set("Retry-After", Long.toString(RETRY_AFTER.toSeconds()));
		}
		return refused;
	}
}
