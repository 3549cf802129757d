package dev.reviewflow.platform;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on POST and PUT: the first response to a caller's key is stored (table
 * {@code idempotency_key}); the same key with the same request replays it (status, body, {@code Location}), with
 * another request it is refused with 422, and while the first is still running with 409. Only final answers are
 * stored: not a 5xx, not a 429, so the client can retry with the same key. A key whose first request never finished
 * (its instance crashed mid-request) is free again after {@link #UNFINISHED_AFTER}. Keys are kept for
 * {@code retention}.
 * <p>
 * One caller holds at most {@code maxKeysPerCaller} keys within {@code retention} (finished or not). Beyond that a
 * request with a new key is answered 429 with {@code Retry-After} (until the caller's oldest key expires) and is not
 * carried out; a retry or replay of a key already held still works. The alternative, evicting the caller's oldest
 * finished key to make room, was rejected: it would silently break the promise made for that key, so a late retry
 * of its request would be carried out a second time (a second review, a second vote), which is what the key exists
 * to prevent. A 429 is visible, is not stored as the key's answer, and changes nothing.
 */
final class IdempotencyKeys extends OncePerRequestFilter {

	static final String HEADER = "Idempotency-Key";

	/** How long a first request may run before its key counts as abandoned (no request runs near this long). */
	static final Duration UNFINISHED_AFTER = Duration.ofMinutes(2);

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	private final Duration retention;

	private final int maxKeysPerCaller;

	IdempotencyKeys(JdbcClient jdbc, PlatformTransactionManager transactionManager,
			ReviewflowIdempotencyProperties properties) {
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactionManager);
		this.retention = properties.retention();
		this.maxKeysPerCaller = properties.maxKeysPerCaller();
	}

	/** Whether a new key was stored for the request, and if the caller holds too many, when one frees up. */
	private record Claim(boolean claimed, @Nullable Duration fullUntil) {
	}

	/** The caller's keys within the retention period: how many, and when the oldest was stored. */
	private record Held(long count, @Nullable Timestamp oldest) {
	}

	private record Stored(String requestHash, @Nullable Integer status, @Nullable String contentType,
			@Nullable String location, byte @Nullable [] body) {
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		String method = request.getMethod();
		return request.getHeader(HEADER) == null || !(method.equals("POST") || method.equals("PUT"));
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String key = request.getHeader(HEADER);
		if (key.isBlank() || key.length() > 200) {
			ProblemWriter.write(request, response, HttpStatus.BAD_REQUEST, null,
					"The Idempotency-Key header must be 1 to 200 characters.");
			return;
		}
		String caller = caller();
		byte[] body = request.getInputStream().readAllBytes();
		String hash = hash(request, body);
		Optional<Stored> earlier = find(caller, key);
		if (earlier.isEmpty()) {
			Claim claim = claim(caller, key, hash);
			if (claim.fullUntil() != null) {
				long seconds = Math.max(1, (claim.fullUntil().toMillis() + 999) / 1000);
				response.setHeader("Retry-After", Long.toString(seconds));
				ProblemWriter.write(request, response, HttpStatus.TOO_MANY_REQUESTS, "Too many requests",
						"You hold " + maxKeysPerCaller + " Idempotency-Keys, the most one caller may use per "
								+ RateLimits.describe(retention) + "; a new key is accepted again in " + seconds
								+ " s, when your oldest expires. Retrying with a key you already used still works.",
						Map.of("retryAfterSeconds", seconds));
				return;
			}
			if (claim.claimed()) {
				handleFirst(request, response, chain, caller, key, body);
				return;
			}
			earlier = find(caller, key);
			if (earlier.isEmpty()) {
				// its first request ended without a final answer between the two reads and gave the key back
				ProblemWriter.write(request, response, HttpStatus.CONFLICT, null,
						"A request with this Idempotency-Key was being processed; retry in a moment.");
				return;
			}
		}
		Stored stored = earlier.orElseThrow();
		if (stored.status() == null && takeOverAbandoned(caller, key, hash)) {
			handleFirst(request, response, chain, caller, key, body);
		}
		else if (!stored.requestHash().equals(hash)) {
			ProblemWriter.write(request, response, HttpStatus.UNPROCESSABLE_CONTENT, null,
					"This Idempotency-Key was already used for a different request; use a new key for a new request.");
		}
		else if (stored.status() == null) {
			ProblemWriter.write(request, response, HttpStatus.CONFLICT, null,
					"A request with this Idempotency-Key is still being processed; retry in a moment.");
		}
		else {
			replay(stored, response);
		}
	}

	/**
	 * Stores a new key for the caller, unless they hold {@code maxKeysPerCaller} already. The caller's keys are
	 * counted and the new one stored one request at a time (an advisory lock on the caller), so two requests at once
	 * cannot both take the last place.
	 */
	private Claim claim(String caller, String key, String hash) {
		return transactions.execute(status -> {
			jdbc.sql("select pg_advisory_xact_lock(hashtextextended('idempotency-key/' || ?, 0))").param(caller)
				.query((rs, n) -> 0)
				.list();
			// a key the caller holds already (its first request racing this retry) is no new key: not counted, not
			// refused; the caller then gets its replay or 409 as for any repeat
			if (jdbc.sql("select exists (select 1 from idempotency_key where caller = ? and key = ?)")
				.params(caller, key)
				.query(Boolean.class)
				.single()) {
				return new Claim(false, null);
			}
			Instant now = Instant.now();
			Held held = jdbc.sql("select count(*), min(created_at) from idempotency_key where caller = ? and created_at > ?")
				.params(caller, Timestamp.from(now.minus(retention)))
				.query((rs, n) -> new Held(rs.getLong(1), rs.getTimestamp(2)))
				.single();
			if (held.count() >= maxKeysPerCaller && held.oldest() != null) {
				return new Claim(false, Duration.between(now, held.oldest().toInstant().plus(retention)));
			}
			int claimed = jdbc.sql("""
					insert into idempotency_key (caller, key, request_hash, created_at) values (?, ?, ?, ?)
					on conflict do nothing""")
				.params(caller, key, hash, Timestamp.from(now))
				.update();
			return new Claim(claimed == 1, null);
		});
	}

	/**
	 * Claims a key whose first request has run longer than any request runs: it never finished and never answered,
	 * so this request becomes the key's first.
	 */
	private boolean takeOverAbandoned(String caller, String key, String hash) {
		Instant now = Instant.now();
		return jdbc.sql("""
				update idempotency_key set request_hash = ?, created_at = ?
				where caller = ? and key = ? and status is null and created_at < ?""")
			.params(hash, Timestamp.from(now), caller, key, Timestamp.from(now.minus(UNFINISHED_AFTER)))
			.update() == 1;
	}

	private void handleFirst(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			String caller, String key, byte[] body) throws ServletException, IOException {
		ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
		boolean stored = false;
		try {
			chain.doFilter(new CachedBody(request, body), wrapper);
			// a final answer only: a 5xx or a 429 says "try again", and trying again with this key must work
			if (wrapper.getStatus() < 500 && wrapper.getStatus() != HttpStatus.TOO_MANY_REQUESTS.value()) {
				jdbc.sql("""
						update idempotency_key set status = ?, content_type = ?, location = ?, body = ?
						where caller = ? and key = ?""")
					.params(wrapper.getStatus(), wrapper.getContentType(), wrapper.getHeader("Location"),
							wrapper.getContentAsByteArray(), caller, key)
					.update();
				stored = true;
			}
		}
		finally {
			if (!stored) {
				jdbc.sql("delete from idempotency_key where caller = ? and key = ?").params(caller, key).update();
			}
			wrapper.copyBodyToResponse();
		}
	}

	private Optional<Stored> find(String caller, String key) {
		return jdbc.sql("""
				select request_hash, status, content_type, location, body from idempotency_key
				where caller = ? and key = ?""")
			.params(caller, key)
			.query((rs, n) -> new Stored(rs.getString(1), rs.getObject(2, Integer.class), rs.getString(3),
					rs.getString(4), rs.getBytes(5)))
			.optional();
	}

	private static void replay(Stored stored, HttpServletResponse response) throws IOException {
		response.setStatus(stored.status());
		if (stored.contentType() != null) {
			response.setContentType(stored.contentType());
		}
		if (stored.location() != null) {
			response.setHeader("Location", stored.location());
		}
		response.setHeader("Idempotent-Replayed", "true");
		if (stored.body() != null) {
			response.getOutputStream().write(stored.body());
		}
	}

	/** Deletes keys older than the retention period; returns how many. */
	int expire() {
		return jdbc.sql("delete from idempotency_key where created_at < ?")
			.param(Timestamp.from(Instant.now().minus(retention)))
			.update();
	}

	private static String caller() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		return authentication == null || !authentication.isAuthenticated() ? "anonymous" : authentication.getName();
	}

	private static String hash(HttpServletRequest request, byte[] body) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			digest.update((request.getMethod() + " " + request.getRequestURI() + "?" + request.getQueryString() + "\n")
				.getBytes(StandardCharsets.UTF_8));
			digest.update(body);
			return HexFormat.of().formatHex(digest.digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The request with its body already read, so it can be hashed and still be read by the controller. */
	private static final class CachedBody extends HttpServletRequestWrapper {

		private final byte[] body;

		CachedBody(HttpServletRequest request, byte[] body) {
			super(request);
			this.body = body;
		}

		@Override
		public ServletInputStream getInputStream() {
			ByteArrayInputStream in = new ByteArrayInputStream(body);
			return new ServletInputStream() {

				@Override
				public int read() {
					return in.read();
				}

				@Override
				public int read(byte[] b, int off, int len) {
					return in.read(b, off, len);
				}

				@Override
				public boolean isFinished() {
					return in.available() == 0;
				}

				@Override
				public boolean isReady() {
					return true;
				}

				@Override
				public void setReadListener(ReadListener listener) {
					// the whole body is in memory: it is available at once, and then all read
					try {
						listener.onDataAvailable();
						listener.onAllDataRead();
					}
					catch (IOException ex) {
						listener.onError(ex);
					}
				}
			};
		}

		@Override
		public int getContentLength() {
			return body.length;
		}

		@Override
		public long getContentLengthLong() {
			return body.length;
		}
	}
}
