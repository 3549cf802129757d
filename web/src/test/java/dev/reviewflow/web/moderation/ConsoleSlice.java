package dev.reviewflow.web.moderation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan.Filter;
import org.springframework.context.annotation.FilterType;
import org.springframework.core.annotation.AliasFor;

/**
 * A web slice of one console page: its controller, the figures ({@code Formats}), refusals nobody caught
 * ({@code Refusals}, an advice the slice finds by itself) and the title names; the services are the test's
 * ({@code @MockitoBean Apis}). Boot 4's slice brings no Spring Security, and the pages' chain only writes headers.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest(includeFilters = @Filter(type = FilterType.REGEX,
		pattern = { "dev\\.reviewflow\\.web\\.Formats", "dev\\.reviewflow\\.web\\.moderation\\.TitleNames" }))
@interface ConsoleSlice {

	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value();
}
