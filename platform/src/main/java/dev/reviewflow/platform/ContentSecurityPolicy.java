package dev.reviewflow.platform;

import java.net.URI;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.web.header.HeaderWriter;

/**
 * The Content-Security-Policy the services send with every response: scripts, styles, images and connections only
 * from the service's own origin and never inline (no inline {@code <script>}, no {@code onerror=} attributes), no
 * plugins, no {@code <base>}, no framing. A page that shows user-written text builds it with {@code textContent};
 * should markup ever slip through, the browser still runs none of it.
 * <p>
 * A response that already names its own policy keeps it (a page that must reach another origin sets a policy from
 * {@link #pagesConnectingTo(URI...)}). Swagger UI ({@code /swagger-ui/}) gets {@link #API_DOCS}: its scripts are
 * files as well, but it sets inline styles and shows data: URL icons.
 */
public final class ContentSecurityPolicy {

	public static final String HEADER = "Content-Security-Policy";

	/** Every page and response of the services, unless it names its own. */
	public static final String PAGES = policy("'self'", "'self'", "'self'");

	/** Swagger UI: inline styles and data: images, but still no inline script. */
	static final String API_DOCS = policy("'self' 'unsafe-inline'", "'self' data:", "'self'");

	private static final Pattern ORIGIN = Pattern.compile("https?://(\\[[0-9a-f:.]+]|[a-z0-9.-]+)(:[0-9]{1,5})?");

	private ContentSecurityPolicy() {
	}

	/**
	 * {@link #PAGES}, whose scripts may also fetch from the given origins (their scheme, host and port; a path is
	 * ignored), e.g. a dashboard that reads headlines from another service.
	 */
	public static String pagesConnectingTo(URI... others) {
		String origins = Arrays.stream(others).map(ContentSecurityPolicy::origin).collect(Collectors.joining(" "));
		return policy("'self'", "'self'", "'self' " + origins);
	}

	/** Scheme, host and port of an http(s) URL, as a CSP source; anything else is refused. */
	static String origin(URI url) {
		String host = url.getHost();
		String origin = host == null ? "" : (url.getScheme() + "://" + host
				+ (url.getPort() == -1 ? "" : ":" + url.getPort())).toLowerCase(Locale.ROOT);
		if (!ORIGIN.matcher(origin).matches()) {
			throw new IllegalArgumentException("Not an http(s) URL with a host: " + url);
		}
		return origin;
	}

	private static String policy(String styles, String images, String connections) {
		return "default-src 'self'; script-src 'self'; style-src " + styles + "; img-src " + images
				+ "; connect-src " + connections + "; font-src 'self'; object-src 'none'; base-uri 'none'; "
				+ "form-action 'self'; frame-ancestors 'none'";
	}

	/** The policy for a request: {@link #API_DOCS} under {@code /swagger-ui/}, else {@link #PAGES}. */
	static String forRequest(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return path.startsWith("/swagger-ui/") ? API_DOCS : PAGES;
	}

	/** Writes the policy unless the response already has one (Spring Security writes it as the response commits). */
	static HeaderWriter headerWriter() {
		return (request, response) -> {
			if (!response.containsHeader(HEADER)) {
				response.setHeader(HEADER, forRequest(request));
			}
		};
	}
}
