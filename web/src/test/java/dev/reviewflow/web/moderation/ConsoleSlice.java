package dev.reviewflow.web.moderation;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.reviewflow.web.PageSliceTest;
import dev.reviewflow.web.PageSliceTests;
import org.springframework.core.annotation.AliasFor;

/**
 * A web slice of one console page: its controller in the pages' slice ({@link PageSliceTest}: the page security,
 * the figures, refusals nobody caught, the real service clients, the title names). The test class extends
 * {@link PageSliceTests}, whose {@code Upstream} answers for the services over HTTP.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@PageSliceTest
@interface ConsoleSlice {

	@AliasFor(annotation = PageSliceTest.class, attribute = "value")
	Class<?>[] value();
}
