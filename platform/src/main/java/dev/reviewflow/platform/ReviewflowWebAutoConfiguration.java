package dev.reviewflow.platform;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.type.LogicalType;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/** Problem+json for every error of a service's HTTP API, strict request bodies, their size limit and page sizes. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties(ReviewflowWebProperties.class)
public class ReviewflowWebAutoConfiguration {

	@Bean
	ProblemHandling problemHandling() {
		return new ProblemHandling();
	}

	/**
	 * Request bodies mean what they say: no number where text or an enum is expected, no text or fraction where a whole number
	 * is, nothing after the JSON value. A wrong type is a 400, not a guess.
	 */
	@Bean
	JsonMapperBuilderCustomizer strictRequestBodies() {
		return builder -> builder.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
			.withCoercionConfig(LogicalType.Textual, config -> config.setCoercion(CoercionInputShape.Integer,
					CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
				.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
	}

	/** Request bodies over {@code reviewflow.web.max-request-body} (64 KiB) are refused with 413. */
	@Bean
	FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(ReviewflowWebProperties properties) {
		FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
				new RequestSizeLimit(properties.maxRequestBody().toBytes()));
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** Page sizes of every list endpoint, at most {@code reviewflow.web.max-page-size} (100). */
	@Bean
	Paging paging(ReviewflowWebProperties properties) {
		return new Paging(properties.maxPageSize());
	}
}
