package dev.reviewflow.web;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import static org.assertj.core.api.Assertions.assertThat;

/** A body whose length is not said beforehand (chunked) is refused before anything reads it; a known small one passes. */
class BodyLimitTest {

	@Test
	void aChunkedBodyIsRefusedAndASmallOnePasses() throws Exception {
		MockHttpServletRequest chunked = new MockHttpServletRequest("PUT", "/reviews/x/vote");
		chunked.addHeader("Transfer-Encoding", "chunked");
		MockHttpServletResponse refused = new MockHttpServletResponse();
		MockFilterChain notReached = new MockFilterChain();
		new BodyLimit().bodyLimitFilter().getFilter().doFilter(chunked, refused, notReached);
		assertThat(refused.getStatus()).isEqualTo(411);
		assertThat(refused.getContentType()).isEqualTo("application/problem+json");
		assertThat(notReached.getRequest()).isNull();

		MockHttpServletRequest small = new MockHttpServletRequest("PUT", "/reviews/x/vote");
		small.setContent("helpful=true".getBytes());
		MockFilterChain reached = new MockFilterChain();
		new BodyLimit().bodyLimitFilter().getFilter().doFilter(small, new MockHttpServletResponse(), reached);
		assertThat(reached.getRequest()).isSameAs(small);
	}
}
