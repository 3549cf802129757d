package dev.reviewflow.local;

import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one Spring Boot service inside this JVM, in a class loader of its own (its classes and its runtime class path
 * as Maven wrote it to {@code target/runtime-classpath.txt}), so the services share a JVM but none of their beans,
 * configuration or state. Services started with {@link SharedLibraries} take the libraries they have in common from
 * there.
 * The service's shutdown hook is off; {@link #close()} stops it, so the stack can stop services before the broker
 * and the database they use.
 */
final class ServiceHost implements AutoCloseable {

	private final String name;

	private final Object context;

	private final URLClassLoader loader;

	private ServiceHost(String name, Object context, URLClassLoader loader) {
		this.name = name;
		this.context = context;
		this.loader = loader;
	}

	/**
	 * Starts a service and returns once it is up.
	 * @param moduleDir the service's Maven module, built ({@code target/classes}, {@code target/runtime-classpath.txt})
	 * @param mainClass its {@code @SpringBootApplication} class
	 * @param properties configuration that overrides the service's own, as command-line arguments do
	 */
	static ServiceHost start(String name, Path moduleDir, String mainClass, Map<String, String> properties)
			throws Exception {
		return run(name, mainClass, properties,
				new URLClassLoader(name, classPath(moduleDir).toArray(URL[]::new), ClassLoader.getPlatformClassLoader()));
	}

	/**
	 * Starts a service whose libraries in common with others come from {@code shared}; its class loader has the rest
	 * of its class path.
	 */
	static ServiceHost start(String name, Path moduleDir, String mainClass, Map<String, String> properties,
			SharedLibraries shared) throws Exception {
		URL[] own = classPath(moduleDir).stream().filter(url -> !shared.has(url)).toArray(URL[]::new);
		Map<String, String> configuration = new LinkedHashMap<>(SharedLibraries.serviceProperties());
		configuration.putAll(properties);
		return run(name, mainClass, configuration, new URLClassLoader(name, own, shared));
	}

	private static ServiceHost run(String name, String mainClass, Map<String, String> properties,
			URLClassLoader loader) throws Exception {
		Thread current = Thread.currentThread();
		ClassLoader previous = current.getContextClassLoader();
		current.setContextClassLoader(loader);
		try {
			disableTomcatUrlHandlerFactory(loader);
			Class<?> application = loader.loadClass(mainClass);
			Class<?> builderType = loader.loadClass("org.springframework.boot.builder.SpringApplicationBuilder");
			Object builder = builderType.getConstructor(Class[].class).newInstance((Object) new Class<?>[] { application });
			builderType.getMethod("registerShutdownHook", boolean.class).invoke(builder, false);
			// Spring Boot looks for some of its extensions (EnvironmentPostProcessors: platform's defaults) with the
			// resource loader's class loader, and without one with its own, which is SharedLibraries' when shared
			Object resources = loader.loadClass("org.springframework.core.io.DefaultResourceLoader")
				.getConstructor(ClassLoader.class)
				.newInstance(loader);
			builderType.getMethod("resourceLoader", loader.loadClass("org.springframework.core.io.ResourceLoader"))
				.invoke(builder, resources);
			List<String> args = new ArrayList<>();
			properties.forEach((key, value) -> args.add("--" + key + "=" + value));
			Object context = builderType.getMethod("run", String[].class).invoke(builder, (Object) args.toArray(String[]::new));
			return new ServiceHost(name, context, loader);
		}
		finally {
			current.setContextClassLoader(previous);
		}
	}

	/**
	 * Embedded Tomcat installs a JVM-wide URL stream handler factory, which only the first of several Tomcats in
	 * separate class loaders can do. The services serve no {@code war:} URLs, so each one's is switched off.
	 */
	private static void disableTomcatUrlHandlerFactory(ClassLoader loader) throws ReflectiveOperationException {
		try {
			loader.loadClass("org.apache.catalina.webresources.TomcatURLStreamHandlerFactory")
				.getMethod("disable")
				.invoke(null);
		}
		catch (ClassNotFoundException ex) {
			// not a Tomcat-based service
		}
	}

	/** The service's class path: its classes, then its runtime class path as Maven wrote it. */
	static List<URL> classPath(Path moduleDir) throws IOException {
		Path classpathFile = moduleDir.resolve("target/runtime-classpath.txt");
		if (!Files.exists(classpathFile)) {
			throw new IllegalStateException(moduleDir.getFileName() + " is not built: run ./mvnw -DskipTests package");
		}
		List<URL> urls = new ArrayList<>();
		urls.add(url(moduleDir.resolve("target/classes")));
		for (String entry : Files.readString(classpathFile).strip().split(java.io.File.pathSeparator)) {
			if (!entry.isBlank()) {
				urls.add(url(Path.of(entry)));
			}
		}
		return urls;
	}

	private static URL url(Path path) throws MalformedURLException {
		return path.toUri().toURL();
	}

	String name() {
		return name;
	}

	/** The class loader of the service's own classes. */
	ClassLoader classLoader() {
		return loader;
	}

	/** A property of the running service's environment, e.g. {@code local.server.port}. */
	String property(String key) throws ReflectiveOperationException {
		Class<?> contextType = loader.loadClass("org.springframework.context.ConfigurableApplicationContext");
		Object environment = contextType.getMethod("getEnvironment").invoke(context);
		Method getProperty = loader.loadClass("org.springframework.core.env.PropertyResolver")
			.getMethod("getProperty", String.class);
		return (String) getProperty.invoke(environment, key);
	}

	/** The port the service's web server listens on. */
	int port() throws ReflectiveOperationException {
		return Integer.parseInt(property("local.server.port"));
	}

	/**
	 * Waits until the service reports itself ready ({@code /actuator/health/readiness}: database, broker and, for
	 * scoring, a running topology).
	 */
	void awaitReady(Duration timeout) throws Exception {
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://localhost:" + port() + "/actuator/health/readiness"))
			.timeout(Duration.ofSeconds(5))
			.build();
		long deadline = System.nanoTime() + timeout.toNanos();
		String last = "no answer";
		while (System.nanoTime() < deadline) {
			try {
				HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() == 200) {
					return;
				}
				last = response.body();
			}
			catch (IOException ex) {
				last = ex.toString();
			}
			Thread.sleep(250);
		}
		throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s: " + last);
	}

	@Override
	public void close() throws Exception {
		Thread current = Thread.currentThread();
		ClassLoader previous = current.getContextClassLoader();
		// as while starting: what the service logs while stopping, and the threads it starts for that, are its own
		current.setContextClassLoader(loader);
		try {
			((AutoCloseable) context).close();
		}
		finally {
			current.setContextClassLoader(previous);
			loader.close();
		}
	}
}
