package dev.reviewflow.testsupport;

import java.util.List;
import java.util.function.Function;

import org.assertj.core.api.SoftAssertions;

/**
 * An authorization matrix: every endpoint × every kind of caller → the status promised, each call on a fresh fixture
 * made for that caller; every refusal must be a problem document.
 */
public final class AuthorizationMatrix {

	private AuthorizationMatrix() {
	}

	/** One endpoint, how to call it on a fixture, and the status expected for each caller, in the callers' order. */
	public record Row<F>(String endpoint, Function<F, Http.Response> call, int... expected) {
	}

	public static <F> void assertAsPromised(List<String> callers, List<Row<F>> rows, Function<String, F> fixtureFor) {
		SoftAssertions softly = new SoftAssertions();
		for (Row<F> row : rows) {
			if (row.expected().length != callers.size()) {
				throw new IllegalArgumentException(row.endpoint() + " names " + row.expected().length
						+ " statuses for " + callers.size() + " callers");
			}
			for (int i = 0; i < callers.size(); i++) {
				String caller = callers.get(i);
				Http.Response response = row.call().apply(fixtureFor.apply(caller));
				softly.assertThat(response.status())
					.as("%s as %s: %s", row.endpoint(), caller, response.body())
					.isEqualTo(row.expected()[i]);
				if (response.status() >= 400) {
					softly.assertThat(response.isProblem()).as("%s as %s is problem+json", row.endpoint(), caller)
						.isTrue();
				}
			}
		}
		softly.assertAll();
	}
}
