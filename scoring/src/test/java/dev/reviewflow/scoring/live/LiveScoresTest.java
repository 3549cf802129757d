package dev.reviewflow.scoring.live;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.Page;
import dev.reviewflow.platform.ReviewflowSchedulingAutoConfiguration;
import dev.reviewflow.scoring.query.ClusterScores;
import dev.reviewflow.scoring.query.ScoreQueries;
import dev.reviewflow.scoring.query.ScoresUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * The live stream's rules without a broker: what a new stream is sent first, and the caps per client and per instance,
 * with the {@code query} module replaced at the feature boundary.
 */
class LiveScoresTest {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(LiveProperties.class)
	@Import(LiveScores.class)
	static class Live {
	}

	final ScoreQueries scores = mock(ScoreQueries.class);

	final ClusterScores cluster = mock(ClusterScores.class);

	final ApplicationContextRunner boot = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReviewflowSchedulingAutoConfiguration.class, TaskSchedulingAutoConfiguration.class))
		.withUserConfiguration(Live.class)
		.withBean(ScoreQueries.class, () -> scores)
		.withBean(ClusterScores.class, () -> cluster)
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("reviewflow.scoring.live.max-streams-per-client=2", "reviewflow.scoring.live.max-streams=3",
				"reviewflow.scoring.live.snapshot-titles=7", "reviewflow.scoring.live.client-buffer=10");

	void withLive(Consumer<LiveScores> test) {
		given(cluster.titleScores(anyInt(), anyInt())).willReturn(new Page<>(List.of(), 0, 7, 0));
		boot.run(context -> test.accept(context.getBean(LiveScores.class)));
	}

	static TitleScoreChanged title(String titleId) {
		return new TitleScoreChanged(titleId,
				new TitleScoreChanged.UserRating(5.0, 1, 5.0, Collections.nCopies(10, 0L)),
				new TitleScoreChanged.AudienceScore(0, 1),
				new TitleScoreChanged.CriticScore(null, 0, 0, 0, new TitleScoreChanged.CriticTally(null, 0, 0, 0)),
				new TitleScoreChanged.ReviewCounts(0, 0), Instant.EPOCH, 1);
	}

	/**
	 * An open stream is an active request: unless it ends when the application starts to stop, the web server's
	 * graceful shutdown waits for it until its timeout, on every stop (the pages always hold one).
	 */
	@Test
	void aStreamEndsWhenTheApplicationStartsToStop() {
		given(cluster.titleScores(anyInt(), anyInt())).willReturn(new Page<>(List.of(), 0, 7, 0));
		boot.run(context -> {
			SseEmitter stream = context.getBean(LiveScores.class).connect(Set.of(), "address 10.0.0.1");
			stream.send("while open");

			context.close();

			assertThatThrownBy(() -> stream.send("after the stop")).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("completed");
		});
	}

	/**
	 * The pages reconnect their stream as soon as it ends; while scoring's web server still takes requests, a stream
	 * opened then would hold its graceful shutdown again.
	 */
	@Test
	void aStreamAskedForOnceTheApplicationStartsToStopIsRefused() {
		withLive(live -> {
			live.endStreams();

			assertThatExceptionOfType(StreamRefused.class).isThrownBy(() -> live.connect(Set.of(), "address 10.0.0.1"))
				.satisfies(refused -> {
					assertThat(refused.full()).isEqualTo(StreamRefused.Holder.INSTANCE);
					assertThat(refused.retryAfter()).hasSeconds(5);
				})
				.withMessageContaining("stopping");
		});
	}

	@Test
	void aStreamBeingOpenedWhenTheApplicationStartsToStopEndsAtOnce() {
		withLive(live -> {
			// the stop begins while the new stream's first scores are read
			given(cluster.titleScores(anyInt(), anyInt())).willAnswer(invocation -> {
				live.endStreams();
				return new Page<>(List.of(), 0, 7, 0);
			});

			SseEmitter stream = live.connect(Set.of(), "address 10.0.0.1");

			assertThatThrownBy(() -> stream.send("after the stop")).isInstanceOf(IllegalStateException.class)
				.hasMessageContaining("completed");
		});
	}

	@Test
	void aStreamForAllTitlesStartsWithTheFirstTitlesByIdAndNoReviews() {
		withLive(live -> {
			live.connect(Set.of(), "address 10.0.0.1");

			verify(cluster).titleScores(0, 7);
			verify(scores, never()).reviewScoresOfTitle(anyString(), anyInt());
		});
	}

	@Test
	void aStreamForSomeTitlesStartsWithEachTitleAndItsReviewsWithinTheClientsBuffer() {
		given(cluster.titleScore("heat-1995")).willReturn(Optional.of(title("heat-1995")));
		given(cluster.titleScore("ronin-1998")).willReturn(Optional.empty());
		given(scores.reviewScoresOfTitle(anyString(), anyInt())).willReturn(List.<ReviewScoreChanged>of());
		withLive(live -> {
			live.connect(Set.of("heat-1995", "ronin-1998"), "address 10.0.0.1");

			// a buffer of 10 for two titles: 4 reviews each after the titles' own scores
			verify(scores).reviewScoresOfTitle("heat-1995", 4);
			verify(scores).reviewScoresOfTitle("ronin-1998", 4);
			verify(cluster, never()).titleScores(anyInt(), anyInt());
		});
	}

	/**
	 * A review's score arriving while this instance's stores restore (its first seconds, a rebalance) cannot be given
	 * its title: it still goes out, to the streams of all titles, and the listener does not fail (which would have
	 * sent a valid event to the dead-letter topic).
	 */
	@Test
	void aReviewScoreArrivingWhileTheStoresRestoreIsNoFailure() {
		given(scores.titleOfReview(any())).willThrow(ScoresUnavailable.restoring());
		UUID reviewId = UUID.randomUUID();
		withLive(live -> {
			live.connect(Set.of(), "user alice");

			assertThatCode(() -> live.on(CloudEvent.of("scoring", reviewId.toString(),
					new ReviewScoreChanged(reviewId, 3, 1, 4, 0.3, Instant.now(), 4))))
				.doesNotThrowAnyException();
			verify(scores).titleOfReview(reviewId);
		});
	}

	@Test
	void aClientMayHoldItsShareOfStreamsAndNoMore() {
		withLive(live -> {
			live.connect(Set.of(), "user alice");
			live.connect(Set.of(), "user alice");

			assertThatExceptionOfType(StreamRefused.class).isThrownBy(() -> live.connect(Set.of(), "user alice"))
				.satisfies(refused -> assertThat(refused.full()).isEqualTo(StreamRefused.Holder.CLIENT))
				.withMessageContaining("You hold 2 live streams");
			assertThat(live.connect(Set.of(), "user bob")).as("another client still gets one").isNotNull();
		});
	}

	@Test
	void theInstanceTakesAsManyStreamsAsItMayAndTellsTheNextToComeBack() {
		withLive(live -> {
			live.connect(Set.of(), "user alice");
			live.connect(Set.of(), "user bob");
			live.connect(Set.of(), "user carol");

			assertThatExceptionOfType(StreamRefused.class).isThrownBy(() -> live.connect(Set.of(), "user dave"))
				.satisfies(refused -> {
					assertThat(refused.full()).isEqualTo(StreamRefused.Holder.INSTANCE);
					assertThat(refused.retryAfter()).hasSeconds(5);
				});
		});
	}

	@Test
	void aStreamWhoseSnapshotCannotBeReadHoldsNoPlace() {
		withLive(live -> {
			given(cluster.titleScores(anyInt(), anyInt())).willThrow(ScoresUnavailable.restoring());
			for (int i = 0; i < 5; i++) {
				assertThatExceptionOfType(ScoresUnavailable.class)
					.isThrownBy(() -> live.connect(Set.of(), "user alice"));
			}
			willReturn(new Page<>(List.of(), 0, 7, 0)).given(cluster).titleScores(anyInt(), anyInt());

			live.connect(Set.of(), "user alice");
			live.connect(Set.of(), "user alice");
			live.connect(Set.of(), "user bob");
			// the five refusals gave back exactly the places they took: the instance is full at three, not beyond
			assertThatExceptionOfType(StreamRefused.class).isThrownBy(() -> live.connect(Set.of(), "user carol"))
				.satisfies(refused -> assertThat(refused.full()).isEqualTo(StreamRefused.Holder.INSTANCE));
		});
	}
}
