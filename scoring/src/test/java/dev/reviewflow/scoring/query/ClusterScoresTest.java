package dev.reviewflow.scoring.query;

import java.time.Instant;
import java.util.Collections;
import java.util.List;

import dev.reviewflow.events.TitleScoreChanged;
import dev.reviewflow.platform.Page;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How one page is cut from what every instance sent: each sends its own titles from the first up to the end of the
 * page, so the page is the right slice of their merge in the order of the ids.
 */
class ClusterScoresTest {

	static TitleScoreChanged title(String titleId) {
		return new TitleScoreChanged(titleId,
				new TitleScoreChanged.UserRating(5.0, 1, 5.0, Collections.nCopies(10, 0L)),
				new TitleScoreChanged.AudienceScore(0, 1),
				new TitleScoreChanged.CriticScore(null, 0, 0, 0, new TitleScoreChanged.CriticTally(null, 0, 0, 0)),
				new TitleScoreChanged.ReviewCounts(0, 0), Instant.EPOCH, 1);
	}

	static List<TitleScoreChanged> titles(String... ids) {
		return List.of(ids).stream().map(ClusterScoresTest::title).toList();
	}

	@Test
	void thePageIsCutFromTheMergeOfEveryInstancesTitlesInTheOrderOfTheIds() {
		// page 1 of size 2: each of two instances sent its first four titles
		List<TitleScoreChanged> merged = new java.util.ArrayList<>(titles("b", "d", "f", "h"));
		merged.addAll(titles("a", "c", "e", "g"));

		Page<TitleScoreChanged> page = ClusterScores.cut(merged, 1, 2, 11);

		assertThat(page.items()).extracting(TitleScoreChanged::titleId).containsExactly("c", "d");
		assertThat(page.page()).isEqualTo(1);
		assertThat(page.size()).isEqualTo(2);
		// cut() passes the total through; that it is the sum of every instance's count is shown by MultiInstanceScoringTests
		assertThat(page.totalItems()).as("the total it is given, passed through as is").isEqualTo(11);
	}

	@Test
	void aPageBeyondTheTitlesIsEmptyAndTheLastPageMayBeShort() {
		assertThat(ClusterScores.cut(titles("a", "b", "c"), 2, 2, 3).items()).isEmpty();
		assertThat(ClusterScores.cut(titles("c", "a", "b"), 1, 2, 3).items()).extracting(TitleScoreChanged::titleId)
			.containsExactly("c");
	}

	@Test
	void eachInstanceReadsUpToTheEndOfThePageAndNeverOverflows() {
		assertThat(ClusterScores.upToEndOfPage(0, 20)).isEqualTo(20);
		assertThat(ClusterScores.upToEndOfPage(3, 5)).isEqualTo(20);
		assertThat(ClusterScores.upToEndOfPage(Integer.MAX_VALUE, Integer.MAX_VALUE))
			.isEqualTo(Integer.MAX_VALUE - 8);
	}
}
