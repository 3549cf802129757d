package dev.reviewflow.scoring.topology;

import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The names a running scoring keeps its state under: its stores (RocksDB folders and {@code scoring-<store>-changelog}
 * topics) and internal topics ({@code scoring-<name>-repartition}). Renaming one would lose the state kept under the
 * old name, so they are pinned here; a change to them needs a replay into a new application id.
 */
class TopologyNamesTest {

	final TopologyDescription description = ScoringTopology.build(new StreamsBuilder(), ScoringSettings.DEFAULTS)
		.build()
		.describe();

	@Test
	void theStoreNamesStayAsTheyAre() {
		Set<String> stores = new TreeSet<>();
		for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
			for (TopologyDescription.Node node : subtopology.nodes()) {
				if (node instanceof TopologyDescription.Processor processor) {
					stores.addAll(processor.stores());
				}
			}
		}
		description.globalStores().forEach(global -> stores.addAll(global.processor().stores()));

		assertThat(stores).containsExactlyInAnyOrder("user-ratings", "title-tallies", "review-states",
				"title-reviews", "voter-votes", "review-tallies", "title-rating-sums", "all-rating-sums",
				"global-ratings");
	}

	@Test
	void theTopicsReadAndWrittenStayAsTheyAre() {
		Set<String> sources = new TreeSet<>();
		Set<String> sinks = new TreeSet<>();
		for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
			for (TopologyDescription.Node node : subtopology.nodes()) {
				if (node instanceof TopologyDescription.Source source) {
					sources.addAll(source.topicSet());
				}
				if (node instanceof TopologyDescription.Sink sink) {
					sinks.add(sink.topic());
				}
			}
		}
		description.globalStores().forEach(global -> sources.addAll(global.source().topicSet()));

		assertThat(sources).containsExactlyInAnyOrder("reviews.ratings", "reviews.review-events",
				"reviews.moderation-decisions", "reviews.votes", "reviews.title-scores", "scoring.global-ratings",
				"all-ratings-repartition", "title-review-changes-repartition");
		assertThat(sinks).containsExactlyInAnyOrder("reviews.title-scores", "reviews.review-scores",
				"scoring.global-ratings", "all-ratings-repartition", "title-review-changes-repartition");
	}
}
