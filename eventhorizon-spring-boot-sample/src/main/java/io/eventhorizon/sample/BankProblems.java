package io.eventhorizon.sample;

import java.net.URI;

import io.eventhorizon.client.TransactWriteExhaustedException;
import io.eventhorizon.core.AppendOutcomeUnknownException;
import io.eventhorizon.core.InvalidIdempotencyKeyException;
import io.eventhorizon.core.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns the bank's failures into RFC 9457 problem details, and Spring MVC's own (malformed
 * body, wrong method) too; anything unexpected is a 500 problem without internals.
 */
@RestControllerAdvice
class BankProblems extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(BankProblems.class);

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalid(InvalidRequestException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> notFound(AccountNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "account-not-found", "Account not found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> transferNotFound(TransferNotFoundException ex) {
		return problem(HttpStatus.NOT_FOUND, "transfer-not-found", "Transfer not found", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> accountClosed(AccountClosedException ex) {
		return problem(HttpStatus.CONFLICT, "account-closed", "Account closed", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> accountNotEmpty(AccountNotEmptyException ex) {
		return problem(HttpStatus.CONFLICT, "account-not-empty", "Account not empty", ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> insufficientFunds(InsufficientFundsException ex) {
		return problem(HttpStatus.CONFLICT, "insufficient-funds", "Insufficient funds", ex.getMessage());
	}

	@ExceptionHandler({ TransactWriteExhaustedException.class, OptimisticLockingException.class })
	ResponseEntity<ProblemDetail> concurrencyConflict(RuntimeException ex) {
		ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "concurrency-conflict",
				"Concurrency conflict",
				"Other writers changed the same streams at the same time; send the request again, with the "
						+ "same Idempotency-Key so that it is applied once");
		return ResponseEntity.status(problem.getStatusCode())
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem.getBody());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> invalidIdempotencyKey(InvalidIdempotencyKeyException ex) {
		return problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key", "Invalid Idempotency-Key header",
				ex.getMessage());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> outcomeUnknown(AppendOutcomeUnknownException ex) {
		logger.warn("Outcome unknown: {}", ex.getMessage());
		ResponseEntity<ProblemDetail> problem = problem(HttpStatus.SERVICE_UNAVAILABLE, "outcome-unknown",
				"Outcome unknown", "The store failed while the request was being written, so it may or may not have "
						+ "been applied; send it again with the same Idempotency-Key to apply it exactly once");
		return ResponseEntity.status(problem.getStatusCode())
			.header(HttpHeaders.RETRY_AFTER, "1")
			.body(problem.getBody());
	}

	@ExceptionHandler
	ResponseEntity<ProblemDetail> unexpected(RuntimeException ex) {
		logger.error("Unexpected failure", ex);
		return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
				"The request failed unexpectedly; it is logged");
	}

	private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String type, String title,
			String detail) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setType(URI.create("/problems/" + type));
		problem.setTitle(title);
		return ResponseEntity.status(status).body(problem);
	}

}
