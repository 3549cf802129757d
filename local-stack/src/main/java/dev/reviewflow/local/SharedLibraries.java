package dev.reviewflow.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The libraries that the services running in one JVM all have (Spring, Tomcat, Jackson, Kafka's clients, Micrometer,
 * Logback, ...), in one class loader that is the parent of each service's own ({@link ServiceHost}). Each of those
 * classes is then loaded, verified, kept in metaspace and compiled by the JIT once instead of once per service.
 * <p>
 * What stays in each service's own class loader: its classes, the project's modules ({@code platform} refers to JDBC
 * and Flyway, which scoring does not have) and the libraries not every service has. The exception is Kafka Streams:
 * Spring Kafka and Micrometer, which every service has, link against it, so it comes here too; a service that does not
 * enable Kafka Streams is not changed by seeing it.
 * <p>
 * The services share one Logback as well; {@link #configureLogging(Path)} gives each service its own log file.
 */
final class SharedLibraries extends URLClassLoader {

	static {
		// the services start side by side and load their classes through this loader
		ClassLoader.registerAsParallelCapable();
	}

	private static final Set<String> LINKED_BY_SHARED = Set.of("kafka-streams-", "rocksdbjni-");

	private static final String LOGBACK_METRICS = "org.springframework.boot.micrometer.metrics.autoconfigure.logging"
			+ ".logback.LogbackMetricsAutoConfiguration";

	private final Set<URL> urls;

	/** The java.util.logging loggers given a handler here, held: java.util.logging holds its loggers weakly. */
	private final List<Logger> bridged = new CopyOnWriteArrayList<>();

	private SharedLibraries(Set<URL> urls) {
		super("services-shared", urls.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
		this.urls = urls;
	}

	/**
	 * The libraries every one of these services has on its runtime class path ({@code target/runtime-classpath.txt}),
	 * and the Kafka Streams libraries any of them has.
	 * @param repository the project's directory: nothing under it (the project's own modules) is shared
	 * @param moduleDirs the services' Maven modules, built
	 */
	static SharedLibraries of(Path repository, List<Path> moduleDirs) throws IOException {
		Path project = repository.toAbsolutePath().normalize();
		Set<URL> common = null;
		Set<URL> linked = new LinkedHashSet<>();
		for (Path moduleDir : moduleDirs) {
			List<URL> classPath = ServiceHost.classPath(moduleDir);
			if (common == null) {
				common = new LinkedHashSet<>(classPath);
			}
			else {
				common.retainAll(classPath);
			}
			for (URL url : classPath) {
				String file = Path.of(url.getPath()).getFileName().toString();
				if (LINKED_BY_SHARED.stream().anyMatch(file::startsWith)) {
					linked.add(url);
				}
			}
		}
		Set<URL> shared = new LinkedHashSet<>();
		for (URL url : common == null ? List.<URL>of() : common) {
			if (!Path.of(url.getPath()).startsWith(project)) {
				shared.add(url);
			}
		}
		shared.addAll(linked);
		return new SharedLibraries(shared);
	}

	/**
	 * What a service needs besides its own configuration to run on these libraries: no Logback metrics (its counter
	 * would see the events of all the services that share the Logback, each of them adding a filter to every log
	 * call), and no Logback shutdown of its own (the first service to stop would stop the others' logging).
	 */
	static Map<String, String> serviceProperties() {
		return Map.of("spring.autoconfigure.exclude", LOGBACK_METRICS, "logging.register-shutdown-hook", "false");
	}

	/** Whether this loader has the library or class directory at {@code url}, so a service's loader leaves it out. */
	boolean has(URL url) {
		return urls.contains(url);
	}

	/**
	 * Configures the shared Logback before any service starts: each service writes {@code <service>.log} in
	 * {@code logDir} and its warnings to the console ({@code services-logback.xml}). Spring Boot finds the Logback
	 * initialized and leaves its configuration alone (as it does for a child application context). A service's
	 * {@code logging.level.*} still applies, to the loggers it shares with the others too (scoring's level for a
	 * Kafka Streams logger is the level of that logger).
	 */
	void configureLogging(Path logDir) throws Exception {
		Class<?> contextType = loadClass("ch.qos.logback.classic.LoggerContext");
		Object context = loadClass("org.slf4j.LoggerFactory").getMethod("getILoggerFactory").invoke(null);
		if (!contextType.isInstance(context)) {
			throw new IllegalStateException("the services' SLF4J is not bound to Logback: " + context);
		}
		contextType.getMethod("reset").invoke(context);
		contextType.getMethod("putProperty", String.class, String.class)
			.invoke(context, "LOG_DIR", logDir.toAbsolutePath().toString());
		contextType.getMethod("putProperty", String.class, String.class)
			.invoke(context, "PID", Long.toString(ProcessHandle.current().pid()));
		Class<?> configuratorType = loadClass("ch.qos.logback.classic.joran.JoranConfigurator");
		Object configurator = configuratorType.getConstructor().newInstance();
		configuratorType.getMethod("setContext", loadClass("ch.qos.logback.core.Context")).invoke(configurator, context);
		URL configuration = SharedLibraries.class.getResource("services-logback.xml");
		configuratorType.getMethod("doConfigure", URL.class).invoke(configurator, configuration);
		// what Spring Boot's LogbackLoggingSystem looks for to leave an initialized Logback as it is
		contextType.getMethod("putObject", String.class, Object.class)
			.invoke(context, "org.springframework.boot.logging.LoggingSystem", new Object());
		// java.util.logging into SLF4J, as Spring Boot would have done, for the loggers of the services' libraries that
		// use it (Tomcat, the PostgreSQL driver) and the services' records only; the rest go on to the root logger's
		// handlers, so an application with a Logback of its own (the pages) still finds the root logger as Spring Boot
		// wants it and bridges its records there
		Handler bridge = new ServiceThreadsOnly(
				(Handler) loadClass("org.slf4j.bridge.SLF4JBridgeHandler").getConstructor().newInstance());
		for (String name : List.of("org.apache", "org.postgresql")) {
			Logger logger = Logger.getLogger(name);
			logger.addHandler(bridge);
			logger.setUseParentHandlers(false);
			bridged.add(logger);
		}
	}

	/** Whether the current thread belongs to one of the services (its context class loader is below this one). */
	private boolean isServiceThread() {
		for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null; loader = loader
			.getParent()) {
			if (loader == this) {
				return true;
			}
		}
		return false;
	}

	/**
	 * A {@code java.util.logging} handler that gives the services' records to the shared bridge (which has no filter of
	 * its own) and passes the rest on to the root logger's handlers, as if it were not there.
	 */
	private final class ServiceThreadsOnly extends Handler {

		private final Handler bridge;

		private ServiceThreadsOnly(Handler bridge) {
			this.bridge = bridge;
		}

		@Override
		public void publish(LogRecord record) {
			if (isServiceThread()) {
				bridge.publish(record);
			}
			else {
				for (Handler handler : Logger.getLogger("").getHandlers()) {
					handler.publish(record);
				}
			}
		}

		@Override
		public void flush() {
			bridge.flush();
		}

		@Override
		public void close() {
			bridge.close();
		}
	}

	@Override
	protected Class<?> findClass(String name) throws ClassNotFoundException {
		if (name.equals(ServiceLogs.class.getName())) {
			// defined here, so that it extends the shared Logback's classes
			try (InputStream in = ServiceLogs.class.getResourceAsStream(ServiceLogs.class.getSimpleName() + ".class")) {
				byte[] bytes = in.readAllBytes();
				return defineClass(name, bytes, 0, bytes.length);
			}
			catch (IOException ex) {
				throw new ClassNotFoundException(name, ex);
			}
		}
		return super.findClass(name);
	}

	@Override
	public String toString() {
		return getName() + " (" + urls.size() + " libraries)";
	}
}
