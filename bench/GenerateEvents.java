import java.time.Instant;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import dev.reviewflow.events.CloudEvent;
import dev.reviewflow.events.CloudEventCodec;
import dev.reviewflow.events.HelpfulnessVoteSet;
import dev.reviewflow.events.RatingSet;
import dev.reviewflow.events.Topics;
import dev.reviewflow.events.Vote;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Writes a history of events straight to the local stack's broker, as review-intake and moderation would publish
 * them: 70 % ratings (2,000 titles, 50,000 users, changed and withdrawn now and then) and 30 % helpfulness votes
 * (20,000 reviews). For measuring a replay of the scores (./reviewflow replay) on a large history.
 *
 *   java -cp "scoring/target/classes:$(cat scoring/target/runtime-classpath.txt)" bench/GenerateEvents.java [events=1000000]
 */
public class GenerateEvents {

	public static void main(String[] args) throws Exception {
		long events = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
		String bootstrap = args.length > 1 ? args[1] : "localhost:9092";
		CloudEventCodec codec = new CloudEventCodec();
		Random random = new Random(42);
		UUID[] reviews = new UUID[20_000];
		for (int i = 0; i < reviews.length; i++) {
			reviews[i] = new UUID(42, i);
		}
		long start = System.nanoTime();
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				bootstrap, ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
				ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4", ProducerConfig.ACKS_CONFIG, "all"),
				new StringSerializer(), new ByteArraySerializer())) {
			Instant base = Instant.now().minusSeconds(events);
			for (long i = 0; i < events; i++) {
				Instant at = base.plusMillis(i);
				if (random.nextInt(10) < 7) {
					String titleId = "bench-title-" + random.nextInt(2_000);
					Integer rating = random.nextInt(20) == 0 ? null : 1 + random.nextInt(10);
					producer.send(new ProducerRecord<>(Topics.RATINGS.name(), titleId, codec.encode(CloudEvent.of(
							"review-intake", titleId, new RatingSet(titleId, "bench-user-" + random.nextInt(50_000), rating, at, i + 1)))));
				}
				else {
					UUID review = reviews[random.nextInt(reviews.length)];
					Vote vote = random.nextInt(20) == 0 ? null : random.nextInt(4) == 0 ? Vote.NOT_HELPFUL : Vote.HELPFUL;
					producer.send(new ProducerRecord<>(Topics.VOTES.name(), review.toString(), codec.encode(CloudEvent.of(
							"moderation", review.toString(), new HelpfulnessVoteSet(review, "bench-title-0",
									"bench-voter-" + random.nextInt(50_000), vote, at, i + 1)))));
				}
				if (i % 100_000 == 0 && i > 0) {
					System.out.printf("%,d events written%n", i);
				}
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("%,d events written in %.1f s (%,.0f events/s)%n", events, seconds, events / seconds);
	}
}
