package dev.reviewflow.local;

import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

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
