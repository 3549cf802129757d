package dev.reviewflow.local;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import dev.reviewflow.testsupport.Http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The three services as the local stack runs them: the libraries they have in common come from one
 * {@link SharedLibraries}, everything else from each service's own class loader, and nothing of one service's
 * configuration or logging leaks into another's.
 */
@ExtendWith(RunningStack.class)
class SharedLibrariesTests {

	private static List<ServiceHost> services() {
		RunningStack stack = RunningStack.get();
		return List.of(stack.service(0), stack.service(1), stack.service(2));
	}

	@Test
	void theLibrariesTheServicesHaveInCommonAreLoadedOnceTheirOwnClassesOncePerService() throws Exception {
		Set<Class<?>> spring = new HashSet<>();
		Set<Class<?>> platform = new HashSet<>();
		for (ServiceHost service : services()) {
			Class<?> context = service.classLoader().loadClass("org.springframework.context.ApplicationContext");
			assertThat(context.getClassLoader()).isInstanceOf(SharedLibraries.class);
			spring.add(context);
			Class<?> defaults = service.classLoader().loadClass("dev.reviewflow.platform.ReviewflowDefaults");
			assertThat(defaults.getClassLoader()).isSameAs(service.classLoader());
			platform.add(defaults);
		}
		assertThat(spring).hasSize(1);
		assertThat(platform).hasSize(3);
		ServiceHost intake = services().get(0);
		ServiceHost scoring = services().get(2);
		// JDBC is review-intake's and moderation's alone: it stays theirs, and scoring still has none
		assertThat(intake.classLoader().loadClass("com.zaxxer.hikari.HikariDataSource").getClassLoader())
			.isSameAs(intake.classLoader());
		assertThatThrownBy(() -> scoring.classLoader().loadClass("com.zaxxer.hikari.HikariDataSource"))
			.isInstanceOf(ClassNotFoundException.class);
	}

	@Test
	void eachServiceRunsWithThePlatformsDefaults() throws Exception {
		// platform's EnvironmentPostProcessor is found through the service's class loader, which the shared one is not
		for (ServiceHost service : services()) {
			assertThat(service.property("server.max-http-request-header-size")).as(service.name()).isEqualTo("16KB");
		}
	}

	/**
	 * The services share Logback, whose metrics would count all three services' events in each: they are off. And
	 * one service's meters stay out of the others' registries (scoring's live-stream gauge is scoring's alone).
	 */
	@Test
	void eachServicesMetricsAreItsOwn() throws Exception {
		String admin = RunningStack.TOKENS.mint("operator", "ADMIN");
		for (ServiceHost service : services()) {
			Http.Response metrics = Http.on(service.port())
				.as(admin)
				.raw("GET", "/actuator/prometheus", null, new byte[0]);
			assertThat(metrics.status()).as(service.name()).isEqualTo(200);
			assertThat(metrics.body()).as(service.name()).contains("jvm_memory_used_bytes").doesNotContain("logback_events");
			if (service.name().equals("scoring")) {
				assertThat(metrics.body()).contains("reviewflow_live_clients");
			}
			else {
				assertThat(metrics.body()).as(service.name()).doesNotContain("reviewflow_live_clients");
			}
		}
	}

	/**
	 * Tomcat logs through java.util.logging. Its records from a service's threads go to that service's log; the rest
	 * go on to the root logger's handlers, where another application in the JVM (the pages) has its own bridge.
	 */
	@Test
	void tomcatsRecordsGoToTheServiceWhoseThreadLoggedThemAndTheRestToTheRootLoggersHandlers() throws Exception {
		ServiceHost moderation = services().get(1);
		String marker = "tomcat-record-" + UUID.randomUUID();
		List<String> atRoot = new CopyOnWriteArrayList<>();
		Handler root = new Handler() {
			@Override
			public void publish(LogRecord record) {
				atRoot.add(record.getMessage());
			}

			@Override
			public void flush() {
			}

			@Override
			public void close() {
			}
		};
		java.util.logging.Logger.getLogger("").addHandler(root);
		Thread current = Thread.currentThread();
		ClassLoader previous = current.getContextClassLoader();
		try {
			java.util.logging.Logger.getLogger("org.apache.catalina.test").warning(marker + " from elsewhere");
			current.setContextClassLoader(moderation.classLoader());
			java.util.logging.Logger.getLogger("org.apache.catalina.test").warning(marker + " from moderation");
		}
		finally {
			current.setContextClassLoader(previous);
			java.util.logging.Logger.getLogger("").removeHandler(root);
		}
		assertThat(atRoot).containsExactly(marker + " from elsewhere");
		assertThat(Files.readString(RunningStack.get().logs().resolve("moderation.log")))
			.contains(marker + " from moderation")
			.doesNotContain(marker + " from elsewhere");
	}

	@Test
	void eachServiceLogsToAFileOfItsOwn() throws Exception {
		for (ServiceHost service : services()) {
			String log = Files.readString(RunningStack.get().logs().resolve(service.name() + ".log"));
			assertThat(log).as(service.name()).contains("--- [" + service.name() + "]").contains("Started ");
			for (ServiceHost other : services()) {
				if (other != service) {
					assertThat(log).as(service.name()).doesNotContain("--- [" + other.name() + "]");
				}
			}
		}
	}
}
