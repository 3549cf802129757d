package dev.reviewflow.platform;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** One limit for the pages of every list endpoint: {@code reviewflow.web.max-page-size}. */
class PagingTests {

	final WebApplicationContextRunner runner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReviewflowWebAutoConfiguration.class));

	@Test
	void aPageIsWhatWasAskedForUpToTheLimit() {
		Paging paging = new Paging(100);
		assertThat(paging.limit(1)).isEqualTo(1);
		assertThat(paging.limit(20)).isEqualTo(20);
		assertThat(paging.limit(100)).isEqualTo(100);
		assertThat(paging.limit(101)).isEqualTo(100);
		assertThat(paging.limit(Integer.MAX_VALUE)).isEqualTo(100);
	}

	/** The same problem as a controller's {@code @Min(1)} on {@code size} gives. */
	@Test
	void aSizeBelowOneIsABadRequestNamingTheParameter() {
		assertThatExceptionOfType(ApiException.class).isThrownBy(() -> new Paging(100).limit(0)).satisfies(ex -> {
			assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(ex.getBody().getTitle()).isEqualTo("Invalid request");
			assertThat(ex.getBody().getDetail())
				.isEqualTo("Invalid request parameter(s): size must be greater than or equal to 1");
			assertThat(ex.getBody().getProperties()).containsEntry("errors",
					List.of(new ProblemHandling.FieldProblem("size", "must be greater than or equal to 1")));
		});
	}

	@Test
	void theLimitIsOnePlatformPropertyWithADefaultOf100() {
		runner.run(context -> assertThat(context.getBean(Paging.class).maxPageSize()).isEqualTo(100));
		runner.withPropertyValues("reviewflow.web.max-page-size=25").run(context -> {
			assertThat(context.getBean(Paging.class).maxPageSize()).isEqualTo(25);
			assertThat(context.getBean(Paging.class).limit(50)).isEqualTo(25);
		});
		runner.withPropertyValues("reviewflow.web.max-page-size=0").run(context -> assertThat(context).hasFailed()
			.getFailure()
			.rootCause()
			.hasMessageContaining("reviewflow.web.max-page-size must be at least 1"));
	}

	@Test
	void theRequestBodyLimitStaysWhereItWas() {
		runner.withPropertyValues("reviewflow.web.max-request-body=1KB")
			.run(context -> assertThat(context.getBean("requestSizeLimit", FilterRegistrationBean.class).getFilter())
				.hasFieldOrPropertyWithValue("limit", 1024L));
	}
}
