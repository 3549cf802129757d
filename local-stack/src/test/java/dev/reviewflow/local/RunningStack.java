package dev.reviewflow.local;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import dev.reviewflow.devtokens.DevelopmentTokens;
import dev.reviewflow.testsupport.Http;
import dev.reviewflow.testsupport.SharedInfrastructure;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The three services and the pages as the local stack runs them (each in its own class loader, with its own
 * configuration), on the test JVM's shared broker and database, with the development token minter: started once
 * for every test class that extends with it, and stopped when the test run ends.
 */
final class RunningStack implements BeforeAllCallback, AutoCloseable {

	static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

	static final DevelopmentTokens TOKENS = DevelopmentTokens.local();

	/** moderation's clock runs this far behind the others: no figure may depend on two hosts' clocks agreeing. */
	static final String MODERATION_CLOCK_OFFSET = "-5s";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RunningStack.class);

	private static volatile RunningStack running;

	private final List<AutoCloseable> started = new ArrayList<>();

	private final List<ServiceHost> services = new ArrayList<>();

	private ServiceHost web;

	private Path logs;

	/** The running stack (a test class that extends with this has it from its {@code @BeforeAll} on). */
	static RunningStack get() {
		if (running == null) {
			throw new IllegalStateException("extend the test class with RunningStack");
		}
		return running;
	}

	@Override
	public void beforeAll(ExtensionContext context) {
		running = context.getRoot().getStore(NAMESPACE).computeIfAbsent(RunningStack.class, key -> start(),
				RunningStack.class);
	}

	private static RunningStack start() {
		RunningStack stack = new RunningStack();
		try {
			stack.startAll();
			return stack;
		}
		catch (Exception ex) {
			stack.close();
			throw new IllegalStateException("the stack did not start", ex);
		}
	}

	private void startAll() throws Exception {
		SharedInfrastructure.Database database = SharedInfrastructure.database();
		Path state = Path.of(System.getProperty("java.io.tmpdir"), "e2e-" + UUID.randomUUID());
		this.logs = state;
		SharedLibraries shared = LocalStack.sharedLibraries(REPOSITORY, state);
		for (LocalStack.Service service : LocalStack.SERVICES) {
			Map<String, String> properties = new LinkedHashMap<>(Map.of("server.port", "0",
					"spring.kafka.bootstrap-servers", SharedInfrastructure.kafkaBootstrapServers(),
					"spring.datasource.url", database.jdbcUrl(), "spring.datasource.username", database.username(),
					"spring.datasource.password", database.password(), "spring.kafka.streams.state-dir",
					state.resolve("scoring").toString(), "logging.file.name",
					state.resolve(service.name() + ".log").toString(), "logging.threshold.console", "WARN",
					"reviewflow.moderation.banned-terms", "buy followers"));
			properties.put("reviewflow.moderation.clock-offset", MODERATION_CLOCK_OFFSET);
			ServiceHost host = ServiceHost.start(service.name(), REPOSITORY.resolve(service.module()),
					service.mainClass(), LocalStack.inLocalMode(properties), shared);
			started.add(host);
			services.add(host);
		}
		for (ServiceHost service : services) {
			service.awaitReady(Duration.ofMinutes(2));
		}
		TokenMinter minter = TokenMinter.start(0, TOKENS);
		started.add(minter);
		List<Integer> ports = new ArrayList<>();
		for (ServiceHost service : services) {
			ports.add(service.port());
		}
		Map<String, String> web = LocalStack.webProperties(0, ports, minter.port(), state.resolve("web.log"));
		this.web = ServiceHost.start(LocalStack.WEB.name(), REPOSITORY.resolve(LocalStack.WEB.module()),
				LocalStack.WEB.mainClass(), web);
		started.add(this.web);
		this.web.awaitReady(Duration.ofMinutes(1));
	}

	/** Where the services write their logs, {@code <service>.log} each. */
	Path logs() {
		return logs;
	}

	ServiceHost service(int index) {
		return services.get(index);
	}

	Http intake() throws ReflectiveOperationException {
		return Http.on(services.get(0).port());
	}

	Http moderation() throws ReflectiveOperationException {
		return Http.on(services.get(1).port());
	}

	Http scoring() throws ReflectiveOperationException {
		return Http.on(services.get(2).port());
	}

	/** The pages' origin, e.g. {@code http://localhost:40123}. */
	String pages() throws ReflectiveOperationException {
		return "http://localhost:" + web.port();
	}

	@Override
	public void close() {
		for (AutoCloseable closeable : started.reversed()) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				System.err.println("could not stop " + closeable + ": " + ex);
			}
		}
	}
}
