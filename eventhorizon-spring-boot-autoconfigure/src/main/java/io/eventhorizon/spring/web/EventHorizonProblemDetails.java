package io.eventhorizon.spring.web;

import java.net.URI;
import java.time.Duration;

import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.AppendOutcomeUnknownException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.util.Assert;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Answers the failures of a command that the client may simply send again as RFC 9457
 * problem details, {@code 503 Service Unavailable} with a {@code Retry-After} header, instead
 * of a bare 500: a {@link TransactWriteExhaustedException} (every attempt lost its race to
 * other writers; nothing was written) as {@link #CONCURRENCY_CONFLICT}, and an
 * {@link AppendOutcomeUnknownException} (the store failed while writing; the entry may or may
 * not be there) as {@link #OUTCOME_UNKNOWN}. The details never show the exception's message,
 * which names streams. Ordered like Spring Boot's own problem-details handler ({@code 0}),
 * before the application's unordered advice, so that a catch-all handler of the application
 * does not hide it.
 * <p>
 * Stateless apart from its settings; immutable and thread-safe.
 *
 * @since 0.1.0
 */
@RestControllerAdvice
@Order(0)
public class EventHorizonProblemDetails {

	/** The problem type of a command whose every attempt lost its race to other writers. */
	public static final URI CONCURRENCY_CONFLICT = URI.create("/problems/concurrency-conflict");

	/** The problem type of a command whose append may or may not have been written. */
	public static final URI OUTCOME_UNKNOWN = URI.create("/problems/outcome-unknown");

	private static final Logger logger = LoggerFactory.getLogger(EventHorizonProblemDetails.class);

	private final String retryAfterSeconds;

	/**
	 * Creates the handler.
	 * @param retryAfter how long clients are told to wait before sending the request again;
	 * sent in whole seconds, rounded up
	 */
	public EventHorizonProblemDetails(Duration retryAfter) {
		Assert.isTrue(!retryAfter.isNegative() && !retryAfter.isZero(), () -> "'retryAfter' must be positive, was " + retryAfter);
		long seconds = retryAfter.getSeconds() + ((retryAfter.getNano() > 0) ? 1 : 0);
		this.retryAfterSeconds = Long.toString(seconds);
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> concurrencyConflict(TransactWriteExhaustedException ex) {
		logger.debug("Answering 503: {}", ex.getMessage());
		return serviceUnavailable(CONCURRENCY_CONFLICT, "Concurrency conflict",
				"Other writers changed the same streams at the same time and every attempt lost; nothing was "
						+ "written. Send the request again, with the same Idempotency-Key so that it is applied once.");
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> outcomeUnknown(AppendOutcomeUnknownException ex) {
		// An operator needs to know: the store failed in the middle of a write.
		logger.warn("Answering 503: {}", ex.getMessage());
		return serviceUnavailable(OUTCOME_UNKNOWN, "Outcome unknown",
				"The store failed while the request was being written, so it may or may not have been applied. "
						+ "Send it again with the same Idempotency-Key to apply it exactly once.");
	}

	private ResponseEntity<ProblemDetail> serviceUnavailable(URI type, String title, String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
		problem.setType(type);
		problem.setTitle(title);
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, this.retryAfterSeconds)
			.body(problem);
	}

}
