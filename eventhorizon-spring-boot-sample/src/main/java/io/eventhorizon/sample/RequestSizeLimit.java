package io.eventhorizon.sample;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over 64 KB with 413 before they are read: no request of the bank
 * needs more, and a huge body must not cost memory or end in a 500.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

	static final long MAX_BODY_BYTES = 64 * 1024;

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > MAX_BODY_BYTES) {
			response.setStatus(HttpStatus.CONTENT_TOO_LARGE.value());
			response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
			response.getWriter()
				.write("{\"type\":\"/problems/body-too-large\",\"title\":\"Body too large\",\"status\":413,"
						+ "\"detail\":\"Request bodies may have at most " + MAX_BODY_BYTES + " bytes\"}");
			return;
		}
		chain.doFilter(request, response);
	}

}
