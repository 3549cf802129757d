package dev.reviewflow.scoring.formula;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Ratings 1–10, their average as published and their exact mean. */
class RatingsTest {

	@Test
	void theAverageIsRoundedHalfUpToFourDecimals() {
		assertThat(Ratings.average(20, 3)).isEqualTo(6.6667);
		assertThat(Ratings.average(10, 3)).isEqualTo(3.3333);
		assertThat(Ratings.average(14, 2)).isEqualTo(7.0);
	}

	@Test
	void withoutRatingsThereIsNoAverageNorMean() {
		assertThat(Ratings.average(0, 0)).isNull();
		assertThat(Ratings.mean(0, 0)).isNull();
	}

	@Test
	void theMeanOfAllRatingsIsNotRounded() {
		assertThat(Ratings.mean(16, 3)).isEqualTo(16.0 / 3);
	}

	@Test
	void sevenAndUpArePositive() {
		assertThat(Ratings.positive(6)).isFalse();
		assertThat(Ratings.positive(7)).isTrue();
		assertThat(Ratings.positive(10)).isTrue();
		assertThat(Ratings.positive(1)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 11, -3 })
	void aRatingOutsideOneToTenIsRefused(int rating) {
		assertThatIllegalArgumentException().isThrownBy(() -> Ratings.requireValid(rating))
			.withMessageContaining(Integer.toString(rating));
	}
}
