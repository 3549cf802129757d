package dev.reviewflow.scoring.replay;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import dev.reviewflow.events.Topics;
import dev.reviewflow.scoring.topology.Outputs;
import dev.reviewflow.scoring.topology.ScoringSettings;
import dev.reviewflow.scoring.topology.ScoringTopology;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;

/**
 * Rebuilds every score from the beginning of the event topics under a new application id, writing to shadow topics
 * ({@code <id>.title-scores}, {@code <id>.review-scores}) so the published scores are not disturbed, and shows its
 * progress (events processed of the total, rate, time left) until it has caught up. Then the service can switch
 * over: started with {@code spring.kafka.streams.application-id=<id>}, it finds its state restored and its offsets
 * where the rebuild left them.
 *
 * <pre>java -cp … dev.reviewflow.scoring.replay.Replay &lt;bootstrap-servers&gt; &lt;new-application-id&gt; &lt;state-dir&gt;</pre>
 */
public final class Replay {

	static final List<String> INPUTS = List.of(Topics.RATINGS.name(), Topics.REVIEW_EVENTS.name(),
			Topics.VOTES.name(), Topics.MODERATION_DECISIONS.name());

	private final String bootstrapServers;

	private final String applicationId;

	private final Path stateDir;

	private final ScoringSettings settings;

	private final PrintStream out;

	public Replay(String bootstrapServers, String applicationId, Path stateDir, ScoringSettings settings,
			PrintStream out) {
		this.bootstrapServers = bootstrapServers;
		this.applicationId = applicationId;
		this.stateDir = stateDir;
		this.settings = settings;
		this.out = out;
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 3) {
			System.err.println("usage: Replay <bootstrap-servers> <new-application-id> <state-dir>");
			System.exit(2);
		}
		Summary summary = new Replay(args[0], args[1], Path.of(args[2]), ScoringSettings.DEFAULTS, System.out)
			.run(Duration.ofHours(12));
		System.out.printf("%nRebuilt from %,d events in %s (%,.0f events/s) into %s and %s.%n", summary.events(),
				summary.took(), summary.eventsPerSecond(), summary.outputs().titleScores(),
				summary.outputs().reviewScores());
		System.out.printf("To switch over, start scoring with spring.kafka.streams.application-id=%s%n", args[1]);
	}

	/** What a rebuild did. */
	public record Summary(long events, Duration took, Outputs outputs) {

		public double eventsPerSecond() {
			return events / Math.max(0.001, took.toNanos() / 1e9);
		}
	}

	/** Runs the rebuild until it has processed every event that existed when it started. */
	public Summary run(Duration timeout) throws Exception {
		Outputs outputs = Outputs.shadow(applicationId);
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			createTopics(admin, outputs);
			Map<TopicPartition, Long> ends = endOffsets(admin);
			long total = ends.values().stream().mapToLong(Long::longValue).sum();
			StreamsBuilder builder = ScoringTopology.build(new StreamsBuilder(), settings, new SimpleMeterRegistry(),
					outputs);
			long started = System.nanoTime();
			KafkaStreams streams = new KafkaStreams(builder.build(), properties());
			try {
				streams.start();
				long deadline = started + timeout.toNanos();
				long processed = 0;
				while (processed < total) {
					if (System.nanoTime() > deadline) {
						throw new IllegalStateException("Replay did not finish within " + timeout);
					}
					if (streams.state() == KafkaStreams.State.ERROR
							|| streams.state() == KafkaStreams.State.PENDING_ERROR) {
						throw new IllegalStateException("The replay topology failed");
					}
					Thread.sleep(1000);
					processed = processed(admin, ends);
					progress(processed, total, System.nanoTime() - started);
				}
				out.println();
				awaitSettledWeighted(admin, outputs, streams, deadline);
			}
			finally {
				// leave the group at once, so the service that switches over gets the partitions without waiting
				// for the session timeout
				streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP)
					.withTimeout(Duration.ofSeconds(30)));
			}
			return new Summary(total, Duration.ofNanos(System.nanoTime() - started), outputs);
		}
	}

	/**
	 * Once every input is in, C is final and each task publishes its titles' weighted ratings by it within a check
	 * or two: waits until the rebuilt title scores have not grown for three checks in a row.
	 */
	private void awaitSettledWeighted(Admin admin, Outputs outputs, KafkaStreams streams, long deadline)
			throws ExecutionException, InterruptedException {
		long quietFor = 3 * settings.reweighEvery().toMillis() + 1000;
		long end = endOffset(admin, outputs.titleScores());
		long quietSince = System.nanoTime();
		while (System.nanoTime() - quietSince < quietFor * 1_000_000) {
			if (System.nanoTime() > deadline || streams.state() == KafkaStreams.State.ERROR) {
				throw new IllegalStateException("The rebuilt weighted ratings did not settle");
			}
			Thread.sleep(settings.reweighEvery().toMillis());
			long now = endOffset(admin, outputs.titleScores());
			if (now != end) {
				end = now;
				quietSince = System.nanoTime();
			}
		}
	}

	private static long endOffset(Admin admin, String topic) throws ExecutionException, InterruptedException {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
			.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
		return admin.listOffsets(latest).all().get().values().stream().mapToLong(info -> info.offset()).sum();
	}

	private void progress(long processed, long total, long nanos) {
		double seconds = nanos / 1e9;
		double rate = processed / Math.max(0.001, seconds);
		long left = rate > 0 ? (long) ((total - processed) / rate) : -1;
		out.printf("\rreplay %s: %,d / %,d events (%5.1f%%), %,.0f events/s, %s left   ", applicationId, processed,
				total, total == 0 ? 100.0 : 100.0 * processed / total, rate,
				left < 0 ? "?" : Duration.ofSeconds(left).toString().substring(2).toLowerCase());
		out.flush();
	}

	private Map<TopicPartition, Long> endOffsets(Admin admin) throws ExecutionException, InterruptedException {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		admin.describeTopics(INPUTS).allTopicNames().get().forEach((topic, description) -> description.partitions()
			.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(latest).all().get().forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	/** Events of the original range the rebuild has committed (transaction markers make offsets run a little ahead). */
	private long processed(Admin admin, Map<TopicPartition, Long> ends)
			throws ExecutionException, InterruptedException {
		Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
			.partitionsToOffsetAndMetadata()
			.get();
		long processed = 0;
		for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
			OffsetAndMetadata offset = committed.get(end.getKey());
			processed += offset == null ? 0 : Math.min(offset.offset(), end.getValue());
		}
		return processed;
	}

	private void createTopics(Admin admin, Outputs outputs) throws ExecutionException, InterruptedException {
		Set<String> existing = admin.listTopics().names().get();
		List<NewTopic> topics = new ArrayList<>();
		for (String name : List.of(outputs.titleScores(), outputs.reviewScores())) {
			if (!existing.contains(name)) {
				topics.add(new NewTopic(name, Topics.PARTITIONS, (short) 1)
					.configs(Map.of("cleanup.policy", "compact")));
			}
		}
		if (!existing.contains(outputs.globalRatings())) {
			topics.add(new NewTopic(outputs.globalRatings(), 1, (short) 1).configs(Map.of("cleanup.policy", "compact")));
		}
		try {
			admin.createTopics(topics).all().get();
		}
		catch (ExecutionException ex) {
			if (!(ex.getCause() instanceof TopicExistsException)) {
				throw ex;
			}
		}
	}

	private Properties properties() {
		Properties properties = new Properties();
		properties.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
		properties.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
		properties.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
		properties.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
		properties.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
				LogAndContinueExceptionHandler.class);
		properties.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
		return properties;
	}
}
