package dev.reviewflow.scoring.formula;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** IMDb's Bayesian estimate v/(v+m)·R + m/(v+m)·C. */
class WeightedRatingTest {

	@Test
	void withoutRatingsThereIsNone() {
		assertThat(WeightedRating.of(0, null, 100, 7.0)).isNull();
		assertThat(WeightedRating.of(0, 8.0, 100, 7.0)).isNull();
		assertThat(WeightedRating.of(3, null, 100, 7.0)).isNull();
	}

	@Test
	void matchesImdbsPublishedExample() {
		// v = 5892, R = 6.4, m = 25000, C = 6.9
		assertThat(WeightedRating.of(5892, 6.4, 25000, 6.9)).isCloseTo(6.8046, within(0.0001));
	}

	@Test
	void asManyRatingsAsTheMinimumWeighHalfAndHalf() {
		assertThat(WeightedRating.of(100, 9.0, 100, 5.0)).isEqualTo(7.0);
	}

	@Test
	void oneRatingIsPulledAlmostAllTheWayToTheMeanOfAllRatings() {
		// (1·2 + 100·5) / 101 and (1·8 + 100·5) / 101
		assertThat(WeightedRating.of(1, 2.0, 100, 5.0)).isEqualTo(4.9703);
		assertThat(WeightedRating.of(1, 8.0, 100, 5.0)).isEqualTo(5.0297);
	}

	@Test
	void manyRatingsApproachTheTitlesOwnMean() {
		assertThat(WeightedRating.of(1_000_000, 9.0, 100, 5.0)).isCloseTo(9.0, within(0.001));
	}

	@Test
	void withoutAMinimumTheWeightedRatingIsTheMean() {
		assertThat(WeightedRating.of(3, 6.6667, 0, 2.0)).isEqualTo(6.6667);
	}

	@Test
	void whileTheMeanOfAllRatingsIsUnknownTheTitlesOwnMeanStandsForIt() {
		assertThat(WeightedRating.of(1, 8.0, 100, null)).isEqualTo(8.0);
	}

	@Test
	void roundsHalfUpToFourDecimals() {
		// (1·10 + 2·1) / 3 = 4.0 exactly; (2·7 + 1·6) / 3 = 6.66666… -> 6.6667; (1·1 + 7·1.00005…) stays at 4 places
		assertThat(WeightedRating.of(1, 10.0, 2, 1.0)).isEqualTo(4.0);
		assertThat(WeightedRating.of(2, 7.0, 1, 6.0)).isEqualTo(6.6667);
		// (1·1.00005 + 0) / 1: the fifth decimal rounds up
		assertThat(WeightedRating.of(1, 1.00005, 0, null)).isEqualTo(1.0001);
	}
}
