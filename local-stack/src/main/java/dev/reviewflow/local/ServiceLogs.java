package dev.reviewflow.local;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.sift.AbstractDiscriminator;

/**
 * Tells which service a log event comes from, when services share one Logback (their {@link SharedLibraries}): the
 * service whose class loader is the logging thread's context class loader, or one of its ancestors (a service's
 * Tomcat gives its request threads a class loader of its own, below the service's). Events of a thread that belongs
 * to no service are {@code services}': threads the JDK pools, and Tomcat's utility threads, which Tomcat gives its own
 * (shared) class loader.
 * <p>
 * {@link SharedLibraries} defines this class itself, so that it sees the shared Logback; the stack's own class loader
 * never uses it.
 */
public final class ServiceLogs extends AbstractDiscriminator<ILoggingEvent> {

	static final String KEY = "service";

	static final String NO_SERVICE = "services";

	@Override
	public String getDiscriminatingValue(ILoggingEvent event) {
		ClassLoader shared = ServiceLogs.class.getClassLoader();
		for (ClassLoader loader = Thread.currentThread().getContextClassLoader(); loader != null
				&& loader != shared; loader = loader.getParent()) {
			if (loader.getParent() == shared && loader.getName() != null) {
				return loader.getName();
			}
		}
		return NO_SERVICE;
	}

	@Override
	public String getKey() {
		return KEY;
	}
}
