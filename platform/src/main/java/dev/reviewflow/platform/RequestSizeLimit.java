package dev.reviewflow.platform;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the limit with 413: at once when {@code Content-Length} says so, and as soon as a body
 * without one (chunked) grows past it.
 */
final class RequestSizeLimit extends OncePerRequestFilter {

	private final long limit;

	RequestSizeLimit(long limit) {
		this.limit = limit;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > limit) {
			ProblemWriter.write(request, response, HttpStatus.CONTENT_TOO_LARGE, "Request too large",
					"The request body is larger than " + limit / 1024 + " KiB.");
			return;
		}
		chain.doFilter(new LimitedRequest(request, limit), response);
	}

	/** Thrown while reading a body past the limit; {@link ProblemHandling} answers it with 413. */
	static final class BodyTooLarge extends IOException {

		final long limit;

		BodyTooLarge(long limit) {
			super("The request body is larger than " + limit / 1024 + " KiB.");
			this.limit = limit;
		}
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				stream = new Counting(super.getInputStream());
			}
			return stream;
		}

		private final class Counting extends ServletInputStream {

			private final ServletInputStream delegate;

			private long count;

			Counting(ServletInputStream delegate) {
				this.delegate = delegate;
			}

			@Override
			public int read() throws IOException {
				int b = delegate.read();
				if (b >= 0) {
					count(1);
				}
				return b;
			}

			@Override
			public int read(byte[] buffer, int offset, int length) throws IOException {
				int n = delegate.read(buffer, offset, length);
				if (n > 0) {
					count(n);
				}
				return n;
			}

			private void count(int n) throws IOException {
				count += n;
				if (count > limit) {
					throw new BodyTooLarge(limit);
				}
			}

			@Override
			public boolean isFinished() {
				return delegate.isFinished();
			}

			@Override
			public boolean isReady() {
				return delegate.isReady();
			}

			@Override
			public void setReadListener(ReadListener listener) {
				delegate.setReadListener(listener);
			}
		}
	}
}
