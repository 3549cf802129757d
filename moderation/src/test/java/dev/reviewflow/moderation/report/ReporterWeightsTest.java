package dev.reviewflow.moderation.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReporterWeightsTest {

	@Test
	void aReporterWithNoRecordCountsExactlyOne() {
		assertThat(ReporterWeights.weight(0, 0)).isEqualTo(1.0);
	}

	@Test
	void upheldReportsCountMoreAndDismissedOnesLess() {
		assertThat(ReporterWeights.weight(1, 0)).isEqualTo(2.0);
		assertThat(ReporterWeights.weight(0, 1)).isEqualTo(0.5);
		assertThat(ReporterWeights.weight(2, 2)).isEqualTo(1.0);
		assertThat(ReporterWeights.weight(5, 1)).isEqualTo(3.0);
	}

	@Test
	void theWeightStaysBetweenAQuarterAndFour() {
		assertThat(ReporterWeights.weight(100, 0)).isEqualTo(4.0);
		assertThat(ReporterWeights.weight(0, 100)).isEqualTo(0.25);
	}
}
