package dev.reviewflow.scoring.formula;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** The lower bound of the 95 % Wilson score interval of helpful / total. */
class WilsonTest {

	@Test
	void withoutVotesTheBoundIsExactlyZero() {
		assertThat(Wilson.lowerBound(0, 0)).isZero();
	}

	@Test
	void withoutHelpfulVotesTheBoundIsExactlyZeroHoweverManyVoted() {
		assertThat(Wilson.lowerBound(0, 1)).isZero();
		assertThat(Wilson.lowerBound(0, 1_000)).isZero();
	}

	/** Values of the textbook formula with z = 1.96. */
	@ParameterizedTest(name = "{0} of {1} -> {2}")
	@CsvSource({ "1, 1, 0.2065", "46, 57, 0.6866", "5, 10, 0.2366", "9, 10, 0.5958", "100, 100, 0.9630" })
	void matchesTheFormula(long helpful, long total, double expected) {
		assertThat(Wilson.lowerBound(helpful, total)).isCloseTo(expected, within(0.0001));
	}

	@Test
	void allHelpfulStaysBelowOneAndGrowsWithEvidence() {
		double one = Wilson.lowerBound(1, 1);
		double ten = Wilson.lowerBound(10, 10);
		double thousand = Wilson.lowerBound(1_000, 1_000);
		assertThat(one).isLessThan(ten);
		assertThat(ten).isLessThan(thousand);
		assertThat(thousand).isLessThan(1.0).isGreaterThan(0.99);
	}

	@Test
	void theBoundNeverExceedsTheObservedShare() {
		for (int total = 1; total <= 40; total++) {
			for (int helpful = 0; helpful <= total; helpful++) {
				assertThat(Wilson.lowerBound(helpful, total)).as(helpful + " of " + total)
					.isBetween(0.0, (double) helpful / total);
			}
		}
	}

	@Test
	void moreHelpfulVotesOfTheSameTotalRankHigher() {
		assertThat(Wilson.lowerBound(8, 10)).isGreaterThan(Wilson.lowerBound(7, 10));
		// the same share with more evidence ranks higher: why reviews are sorted by it and not by the share
		assertThat(Wilson.lowerBound(80, 100)).isGreaterThan(Wilson.lowerBound(8, 10));
	}

	@ParameterizedTest(name = "{0} of {1}")
	@CsvSource({ "-1, 3", "4, 3", "0, -1" })
	void countsThatAreNoShareAreRefused(long helpful, long total) {
		assertThatIllegalArgumentException().isThrownBy(() -> Wilson.lowerBound(helpful, total))
			.withMessageContaining("not a share");
	}
}
