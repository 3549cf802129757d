package dev.reviewflow.testsupport;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.DecisionActor;
import dev.reviewflow.events.EventType;
import dev.reviewflow.events.EventTypes;
import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.MalformedEventException;
import dev.reviewflow.events.ModerationDecided;
import dev.reviewflow.events.ModerationPolicyChanged;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.ReportReason;
import dev.reviewflow.events.ReviewDeleted;
import dev.reviewflow.events.ReviewEdited;
import dev.reviewflow.events.ReviewReported;
import dev.reviewflow.events.ReviewScoreChanged;
import dev.reviewflow.events.ReviewStatus;
import dev.reviewflow.events.ReviewSubmitted;
import dev.reviewflow.events.ReviewType;
import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.events.Topics;
import dev.reviewflow.events.Verdict;
import dev.reviewflow.events.Vote;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The records, the codec and the JSON Schemas in review-events agree with each other. */
class EventSchemasTest {

	static final Instant NOW = Instant.parse("2026-11-23T12:00:00.123456Z");

	static final UUID REVIEW = UUID.fromString("7d7e3d1c-6b1f-4c1e-9a55-0f3f1b2c4d5e");

	final CloudEventCodec codec = new CloudEventCodec();

	static List<Object> samples() {
		return List.of(
				new ReviewSubmitted(REVIEW, "wont-back-down-2012", "alice", ReviewType.USER, 1, 8, null, null, false,
						"Moving", "Maggie Gyllenhaal is great® 🎬", false, NOW),
				new ReviewSubmitted(REVIEW, "wont-back-down-2012", "roger", ReviewType.CRITIC, 1, null,
						Verdict.ROTTEN, "The Daily Planet", true, "Preachy", "Well acted, badly argued.", false, NOW),
				new ReviewEdited(REVIEW, "wont-back-down-2012", "alice", ReviewType.USER, 2, 7, null, null, false,
						"Moving", "On reflection, a 7.", true, NOW),
				new ReviewDeleted(REVIEW, "wont-back-down-2012", "alice", ReviewType.USER, NOW),
				new RatingSet("wont-back-down-2012", "alice", 8, NOW, 1),
				new RatingSet("wont-back-down-2012", "alice", null, NOW, 2),
				new HelpfulnessVoteSet(REVIEW, "wont-back-down-2012", "bob", Vote.HELPFUL, NOW, 1),
				new HelpfulnessVoteSet(REVIEW, "wont-back-down-2012", "bob", null, NOW, 2),
				new ReviewReported(UUID.randomUUID(), REVIEW, "carol", ReportReason.SPOILER, "Ending revealed", NOW),
				new ModerationDecided(UUID.randomUUID(), REVIEW, "wont-back-down-2012", "alice", 1,
						ReviewStatus.PUBLISHED, DecisionActor.AUTOMATIC, null, List.of(), NOW, 1),
				new ModerationPolicyChanged(3, new ModerationPolicyChanged.RateLimit(20, 60), NOW,
						new ModerationPolicyChanged.RateLimit(30, 60), new ModerationPolicyChanged.RateLimit(5, 1440),
						new ModerationPolicyChanged.RateLimit(40, 120)),
				new TitleScoreChanged("wont-back-down-2012",
						new TitleScoreChanged.UserRating(6.5, 2, 6.9, List.of(0L, 0L, 0L, 0L, 1L, 0L, 0L, 1L, 0L, 0L)),
						new TitleScoreChanged.AudienceScore(50, 2),
						new TitleScoreChanged.CriticScore(null, 1, 0, 1,
								new TitleScoreChanged.CriticTally(null, 0, 0, 0)),
						new TitleScoreChanged.ReviewCounts(2, 1), NOW, 3),
				new ReviewScoreChanged(REVIEW, 46, 11, 57, 0.687, NOW, 57));
	}

	@Test
	void everyEventTypeHasASampleHere() {
		List<String> sampled = samples().stream().map(sample -> EventTypes.of(sample.getClass()).name()).distinct()
			.toList();
		assertThat(sampled).containsExactlyInAnyOrderElementsOf(EventTypes.ALL.stream().map(EventType::name).toList());
	}

	@Test
	void everySampleConformsToItsSchemaAndSurvivesTheRoundTrip() {
		for (Object sample : samples()) {
			CloudEvent<?> event = CloudEvent.of("review-intake", "subject-1", sample);
			byte[] encoded = codec.encode(event);
			assertThat(EventContract.violations(encoded)).as(event.type()).isEmpty();
			assertThat(codec.decode(encoded)).isEqualTo(event);
		}
	}

	@Test
	void everyEventTypeTravelsOnExactlyOneTopic() {
		for (EventType<?> type : EventTypes.ALL) {
			assertThat(Topics.ALL.stream().filter(topic -> topic.carries(type))).as(type.name()).hasSize(1);
		}
	}

	@Test
	void theAsyncApiDocumentListsEveryTopicAndEventType() throws Exception {
		String text;
		try (var in = EventSchemasTest.class.getResourceAsStream("/asyncapi.yaml")) {
			text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		var doc = tools.jackson.databind.json.JsonMapper.builder().build()
			.readTree(text.substring(text.indexOf('{')));
		List<String> addresses = doc.get("channels").valueStream().map(c -> c.get("address").asString()).toList();
		assertThat(addresses).containsExactlyInAnyOrderElementsOf(Topics.ALL.stream().map(t -> t.name()).toList());
		for (EventType<?> type : EventTypes.ALL) {
			assertThat(text).as(type.name()).contains("\"const\": \"" + type.name() + "\"");
			assertThat(EventSchemasTest.class.getResource(type.schemaResource())).as(type.schemaResource()).isNotNull();
		}
	}

	/**
	 * Events written before versions and sequences existed (no {@code version} or {@code sequence} field) are still
	 * valid and read as version 0, which every consumer orders below any versioned event.
	 */
	@Test
	void eventsWrittenBeforeVersionsAreStillReadAsVersionZero() {
		String envelope = """
				{"specversion":"1.0","id":"%s","source":"/reviewflow/scoring","type":"%s","time":"2026-11-23T12:00:00Z",
				 "subject":"s","datacontenttype":"application/json","data":%s}""";
		byte[] score = json(envelope.formatted(UUID.randomUUID(), "reviewflow.review-score-changed.v1", """
				{"reviewId":"%s","helpful":46,"notHelpful":11,"total":57,"wilsonLowerBound":0.687,
				 "updatedAt":"2026-11-23T12:00:00Z"}""".formatted(REVIEW)));
		byte[] rating = json(envelope.formatted(UUID.randomUUID(), "reviewflow.rating-set.v1", """
				{"titleId":"t","userId":"u","rating":7,"setAt":"2026-11-23T12:00:00Z"}"""));
		byte[] vote = json(envelope.formatted(UUID.randomUUID(), "reviewflow.helpfulness-vote-set.v1", """
				{"reviewId":"%s","titleId":"t","voterId":"v","vote":"HELPFUL","votedAt":"2026-11-23T12:00:00Z"}"""
			.formatted(REVIEW)));
		byte[] decision = json(envelope.formatted(UUID.randomUUID(), "reviewflow.moderation-decided.v1", """
				{"decisionId":"%s","reviewId":"%s","titleId":"t","authorId":"a","revision":1,"status":"PUBLISHED",
				 "actor":"AUTOMATIC","moderatorId":null,"reasons":[],"decidedAt":"2026-11-23T12:00:00Z"}"""
			.formatted(UUID.randomUUID(), REVIEW)));
		byte[] title = json(envelope.formatted(UUID.randomUUID(), "reviewflow.title-score-changed.v1", """
				{"titleId":"t","userRating":{"average":7.0,"count":1,"weighted":7.0,"histogram":[0,0,0,0,0,0,1,0,0,0]},
				 "audienceScore":{"percent":100,"count":1},
				 "criticScore":{"percent":null,"fresh":0,"rotten":0,"count":0,
				   "topCritics":{"percent":null,"fresh":0,"rotten":0,"count":0}},
				 "reviewCounts":{"user":1,"critic":0},"updatedAt":"2026-11-23T12:00:00Z"}"""));
		for (byte[] old : List.of(score, rating, vote, decision, title)) {
			assertThat(EventContract.violations(old)).isEmpty();
		}
		assertThat(((ReviewScoreChanged) codec.decode(score).data()).version()).isZero();
		assertThat(((ReviewScoreChanged) codec.decode(score).data()).helpful()).isEqualTo(46);
		assertThat(((RatingSet) codec.decode(rating).data()).version()).isZero();
		assertThat(((HelpfulnessVoteSet) codec.decode(vote).data()).version()).isZero();
		assertThat(((ModerationDecided) codec.decode(decision).data()).sequence()).isZero();
		assertThat(((TitleScoreChanged) codec.decode(title).data()).version()).isZero();
	}

	/**
	 * A policy event written before the edit, delete and rating limits existed is still valid and reads the edit limit
	 * as its review limit (which counted edits then), the others as the default, 20 an hour.
	 */
	@Test
	void aPolicyEventWrittenBeforeTheLaterLimitsReadsThemAsTheDefault() {
		byte[] old = json("""
				{"specversion":"1.0","id":"%s","source":"/reviewflow/moderation","type":"reviewflow.moderation-policy-changed.v1",
				 "time":"2026-11-23T12:00:00Z","subject":"policy","datacontenttype":"application/json",
				 "data":{"version":4,"reviewRateLimit":{"max":5,"perMinutes":30},"changedAt":"2026-11-23T12:00:00Z"}}"""
			.formatted(UUID.randomUUID()));
		assertThat(EventContract.violations(old)).isEmpty();
		ModerationPolicyChanged policy = (ModerationPolicyChanged) codec.decode(old).data();
		assertThat(policy.version()).isEqualTo(4);
		assertThat(policy.reviewRateLimit()).isEqualTo(new ModerationPolicyChanged.RateLimit(5, 30));
		// edits were counted as reviews then, and keep that pace; the others read as their default
		assertThat(policy.reviewEditRateLimit()).isEqualTo(new ModerationPolicyChanged.RateLimit(5, 30));
		assertThat(List.of(policy.reviewDeleteRateLimit(), policy.ratingRateLimit()))
			.containsOnly(new ModerationPolicyChanged.RateLimit(20, 60));

		byte[] invalid = json("""
				{"specversion":"1.0","id":"%s","source":"/reviewflow/moderation","type":"reviewflow.moderation-policy-changed.v1",
				 "time":"2026-11-23T12:00:00Z","subject":"policy","datacontenttype":"application/json",
				 "data":{"version":4,"reviewRateLimit":{"max":5,"perMinutes":30},"changedAt":"2026-11-23T12:00:00Z",
				   "ratingRateLimit":{"max":0,"perMinutes":60}}}"""
			.formatted(UUID.randomUUID()));
		assertThat(EventContract.violations(invalid)).singleElement().asString().contains("ratingRateLimit");
		assertThatThrownBy(() -> codec.decode(invalid)).isInstanceOf(MalformedEventException.class)
			.hasMessageContaining("max must be at least 1");
	}

	@Test
	void aNegativeVersionIsRefused() {
		byte[] negative = json("""
				{"specversion":"1.0","id":"%s","source":"/reviewflow/review-intake","type":"reviewflow.rating-set.v1",
				 "time":"2026-11-23T12:00:00Z","subject":"t","datacontenttype":"application/json",
				 "data":{"titleId":"t","userId":"u","rating":7,"setAt":"2026-11-23T12:00:00Z","version":-1}}"""
			.formatted(UUID.randomUUID()));
		assertThat(EventContract.violations(negative)).singleElement().asString().contains("version");
		assertThatThrownBy(() -> codec.decode(negative)).isInstanceOf(MalformedEventException.class)
			.hasMessageContaining("version must not be negative");
	}

	@Test
	void theSchemaCatchesWhatTheRecordsWouldNotShow() {
		byte[] outOfRange = json("""
				{"specversion":"1.0","id":"%s","source":"/reviewflow/review-intake","type":"reviewflow.rating-set.v1",
				 "time":"2026-11-23T12:00:00Z","subject":"t","datacontenttype":"application/json",
				 "data":{"titleId":"t","userId":"u","rating":11,"setAt":"2026-11-23T12:00:00Z"}}"""
			.formatted(UUID.randomUUID()));
		assertThat(EventContract.violations(outOfRange)).singleElement().asString().contains("rating");
		assertThatThrownBy(() -> codec.decode(outOfRange)).isInstanceOf(MalformedEventException.class)
			.hasMessageContaining("between 1 and 10");
	}

	@Test
	void theCodecRejectsWhatIsNotAReviewflowEvent() {
		assertThatThrownBy(() -> codec.decode(json("not json"))).isInstanceOf(MalformedEventException.class);
		assertThatThrownBy(() -> codec.decode(json("[1,2]"))).isInstanceOf(MalformedEventException.class)
			.hasMessageContaining("JSON object");
		assertThatThrownBy(() -> codec.decode(json("""
				{"specversion":"1.0","id":"%s","source":"/x","type":"reviewflow.unknown.v1","time":"2026-11-23T12:00:00Z",
				 "subject":"t","datacontenttype":"application/json","data":{}}""".formatted(UUID.randomUUID()))))
			.isInstanceOf(MalformedEventException.class)
			.hasMessageContaining("Unknown event type");
		assertThatThrownBy(() -> codec.decode(json("""
				{"specversion":"1.0","id":"%s","source":"/x","type":"reviewflow.rating-set.v1","time":"2026-11-23T12:00:00Z",
				 "subject":"t","datacontenttype":"application/json","data":{"titleId":"t"}}"""
			.formatted(UUID.randomUUID())))).isInstanceOf(MalformedEventException.class)
			.hasMessageContaining("userId");
	}

	@Test
	void theTraceAnEventWasPublishedInTravelsWithItAndAMalformedOneIsDropped() {
		String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
		CloudEvent<?> traced = CloudEvent.of("review-intake", "wont-back-down-2012",
				new RatingSet("wont-back-down-2012", "alice", 8, NOW, 1)).inTrace(traceparent);
		byte[] encoded = codec.encode(traced);
		assertThat(EventContract.violations(encoded)).isEmpty();
		assertThat(codec.decode(encoded).traceparent()).isEqualTo(traceparent);
		assertThat(new String(codec.encode(traced.inTrace(null)), StandardCharsets.UTF_8)).doesNotContain("traceparent");

		byte[] malformed = json(new String(encoded, StandardCharsets.UTF_8).replace(traceparent, "not-a-trace"));
		assertThat(EventContract.violations(malformed)).singleElement().asString().contains("traceparent");
		CloudEvent<?> read = codec.decode(malformed);
		assertThat(read.traceparent()).isNull();
		assertThat(read.id()).isEqualTo(traced.id());
		assertThatThrownBy(() -> traced.inTrace("00-xyz")).isInstanceOf(IllegalArgumentException.class);
	}

	private static byte[] json(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}
}
