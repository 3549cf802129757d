package dev.reviewflow.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.reviewflow.web.api.Services;
import dev.reviewflow.web.titles.TitleNames;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.imperative.ImperativeHttpClientAutoConfiguration;
import org.springframework.boot.restclient.autoconfigure.RestClientAutoConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.AliasFor;

/**
 * A web slice of the pages: the named controllers with every page's shell, the title names, the page security, the formats, the refusal handling and the
 * real service clients, which call the {@link Upstream} stub over HTTP (its URL is every service's, see
 * {@link PageSliceTests}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WebMvcTest
@Import({ PageSecurity.class, BodyLimit.class, Formats.class, Services.class, Refusals.class, Shell.class,
		TitleNames.class })
@EnableConfigurationProperties(WebProperties.class)
@ImportAutoConfiguration({ HttpClientAutoConfiguration.class, ImperativeHttpClientAutoConfiguration.class,
		RestClientAutoConfiguration.class })
public @interface PageSliceTest {

	@AliasFor(annotation = WebMvcTest.class, attribute = "controllers")
	Class<?>[] value() default {};
}
