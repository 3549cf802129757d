package dev.reviewflow.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.env.DefaultPropertiesPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;

/**
 * The configuration every reviewflow service shares ({@value #RESOURCE}: virtual threads, Kafka serdes and isolation,
 * observations, the outbox's settings, actuator endpoints and probes, springdoc, header size, Flyway locations),
 * added as the environment's last property source: below the service's {@code application.yml}, its profiles, the
 * environment and the command line, so any of them overrides any default. Only Spring Boot's own
 * {@code defaultProperties} (set in code) stay below it.
 */
public class ReviewflowDefaults implements EnvironmentPostProcessor, Ordered {

	/** The defaults, on the class path. */
	public static final String RESOURCE = "reviewflow-defaults.yml";

	/** The property source's name. */
	public static final String NAME = "reviewflowDefaults";

	@Override
	public int getOrder() {
		// after application.yml and its profiles are loaded, so the defaults can go below them
		return ConfigDataEnvironmentPostProcessor.ORDER + 1;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (environment.getPropertySources().contains(NAME)) {
			return;
		}
		environment.getPropertySources().addLast(load());
		DefaultPropertiesPropertySource.moveToEnd(environment);
	}

	static PropertySource<?> load() {
		try {
			List<PropertySource<?>> documents = new YamlPropertySourceLoader().load(NAME,
					new ClassPathResource(RESOURCE, ReviewflowDefaults.class.getClassLoader()));
			if (documents.size() != 1) {
				throw new IllegalStateException(RESOURCE + " must hold exactly one YAML document");
			}
			return documents.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not read " + RESOURCE, ex);
		}
	}
}
