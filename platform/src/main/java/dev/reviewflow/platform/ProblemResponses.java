package dev.reviewflow.platform;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/** Answers authentication and authorization failures with RFC 9457 problem documents. */
final class ProblemResponses implements AuthenticationEntryPoint, AccessDeniedHandler {

	@Override
	public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
			throws IOException {
		String detail = request.getHeader("Authorization") == null
				? "This endpoint needs a bearer token: send 'Authorization: Bearer <JWT>'."
				: "The bearer token was not accepted: " + ex.getMessage();
		response.setHeader("WWW-Authenticate", "Bearer");
		ProblemWriter.write(request, response, HttpStatus.UNAUTHORIZED, null, detail);
	}

	@Override
	public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
			throws IOException {
		ProblemWriter.write(request, response, HttpStatus.FORBIDDEN, null, "Your roles do not allow this action.");
	}
}
