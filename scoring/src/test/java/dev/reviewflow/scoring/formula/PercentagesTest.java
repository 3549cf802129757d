package dev.reviewflow.scoring.formula;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The audience score and the Tomatometer: whole percentages, rounded half up. */
class PercentagesTest {

	@ParameterizedTest(name = "{0} of {1} -> {2} %")
	@CsvSource({ "1, 8, 13", "1, 200, 1", "2, 3, 67", "1, 3, 33", "1, 2, 50", "199, 200, 100", "3, 5, 60" })
	void roundHalfUp(long part, long whole, int expected) {
		assertThat(Percentages.percent(part, whole)).isEqualTo(expected);
	}

	@Test
	void ofNothingThereIsNoPercentage() {
		assertThat(Percentages.percent(0, 0)).isNull();
		assertThat(Percentages.audienceScore(0, 0)).isNull();
	}

	@Test
	void allAndNoneAreAHundredAndZero() {
		assertThat(Percentages.audienceScore(7, 7)).isEqualTo(100);
		assertThat(Percentages.audienceScore(0, 7)).isZero();
	}

	@Test
	void moreThanTheWholeOrNegativeCountsAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> Percentages.percent(4, 3));
		assertThatIllegalArgumentException().isThrownBy(() -> Percentages.percent(-1, 3));
	}

	@Test
	void theTomatometerHasNoPercentBelowTheMinimumNumberOfCriticReviews() {
		assertThat(Percentages.tomatometer(3, 1, 5)).isNull();
		assertThat(Percentages.tomatometer(4, 0, 5)).isNull();
	}

	@Test
	void theTomatometerCountsFromTheMinimumOn() {
		assertThat(Percentages.tomatometer(3, 2, 5)).isEqualTo(60);
		assertThat(Percentages.tomatometer(0, 5, 5)).isZero();
		assertThat(Percentages.tomatometer(5, 0, 5)).isEqualTo(100);
		assertThat(Percentages.tomatometer(2, 1, 5)).isNull();
	}

	@Test
	void withoutAMinimumTheTomatometerStillHasNoPercentOfNoReviews() {
		assertThat(Percentages.tomatometer(0, 0, 0)).isNull();
		assertThat(Percentages.tomatometer(1, 0, 0)).isEqualTo(100);
	}
}
