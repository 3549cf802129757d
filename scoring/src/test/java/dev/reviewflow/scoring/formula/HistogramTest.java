package dev.reviewflow.scoring.formula;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The histogram of ratings 1–10 and what follows from it. */
class HistogramTest {

	@Test
	void noRatingsAreTenZeros() {
		assertThat(Histogram.empty()).hasSize(10).containsOnly(0L);
		assertThat(Histogram.count(Histogram.empty())).isZero();
		assertThat(Histogram.sum(Histogram.empty())).isZero();
	}

	@Test
	void aRatingInAndOutChangesItsOwnBucketOnly() {
		List<Long> one = Histogram.counted(Histogram.empty(), 8, 1);
		assertThat(one).containsExactly(0L, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L, 0L);
		List<Long> moved = Histogram.counted(Histogram.counted(one, 8, -1), 3, 1);
		assertThat(moved).containsExactly(0L, 0L, 1L, 0L, 0L, 0L, 0L, 0L, 0L, 0L);
	}

	@Test
	void theGivenHistogramIsLeftAsItWas() {
		List<Long> before = Histogram.counted(Histogram.empty(), 1, 1);
		Histogram.counted(before, 1, 1);
		assertThat(before.getFirst()).isEqualTo(1L);
	}

	@Test
	void countSumAndPositiveFollowFromTheBuckets() {
		// ratings 5, 7, 8, 8, 10
		List<Long> histogram = List.of(0L, 0L, 0L, 0L, 1L, 0L, 1L, 2L, 0L, 1L);
		assertThat(Histogram.count(histogram)).isEqualTo(5);
		assertThat(Histogram.sum(histogram)).isEqualTo(38);
		assertThat(Histogram.positive(histogram)).isEqualTo(4);
	}

	@Test
	void theEdgesOfTheScaleLandInTheFirstAndLastBucket() {
		List<Long> both = Histogram.counted(Histogram.counted(Histogram.empty(), 1, 2), 10, 3);
		assertThat(both.getFirst()).isEqualTo(2L);
		assertThat(both.getLast()).isEqualTo(3L);
		assertThat(Histogram.sum(both)).isEqualTo(32);
		assertThat(Histogram.positive(both)).isEqualTo(3);
	}

	@Test
	void aRatingOffTheScaleOrAHistogramOfAnotherSizeIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Histogram.counted(Histogram.empty(), 0, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> Histogram.counted(Histogram.empty(), 11, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> Histogram.sum(List.of(1L, 2L)))
			.withMessageContaining("10 buckets");
	}
}
