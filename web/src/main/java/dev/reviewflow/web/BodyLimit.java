package dev.reviewflow.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The pages take small bodies only (a form, a sign-in), each sent with its length, as browsers send them: a body of
 * more than {@value #LIMIT} bytes is refused with 413, and one without a {@code Content-Length} (chunked) with 411,
 * before anything reads it (Spring's form parsing for PUT and PATCH reads a body whole).
 */
@Configuration(proxyBeanMethods = false)
class BodyLimit {

	static final long LIMIT = 64 * 1024;

	@Bean
	FilterRegistrationBean<OncePerRequestFilter> bodyLimitFilter() {
		FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {

			@Override
			protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
					FilterChain chain) throws ServletException, IOException {
				long length = request.getContentLengthLong();
				if (length > LIMIT) {
					refuse(response, 413, "The request body is larger than " + LIMIT / 1024 + " KiB.");
				}
				else if (length < 0 && request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null) {
					refuse(response, 411, "Send the request body with a Content-Length.");
				}
				else {
					chain.doFilter(request, response);
				}
			}
		});
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
		return registration;
	}

	private static void refuse(HttpServletResponse response, int status, String detail) throws IOException {
		response.setStatus(status);
		response.setContentType("application/problem+json");
		response.getOutputStream()
			.write(("{\"status\":" + status + ",\"detail\":\"" + detail + "\"}").getBytes(StandardCharsets.UTF_8));
	}
}
