package io.eventhorizon.dynamodb;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * Simulates a process that dies at one DynamoDB request: before it reaches the server, or
 * after the server executed it but before the caller heard back. Armed for one request.
 */
public final class CrashingInterceptor implements ExecutionInterceptor {

	private final AtomicReference<Predicate<SdkRequest>> beforeSending = new AtomicReference<>();

	private final AtomicReference<Predicate<SdkRequest>> afterExecuted = new AtomicReference<>();

	private final AtomicReference<Predicate<SdkRequest>> answerLost = new AtomicReference<>();

	public void crashBeforeSending(Predicate<SdkRequest> request) {
		this.beforeSending.set(request);
	}

	public void crashAfterExecuted(Predicate<SdkRequest> request) {
		this.afterExecuted.set(request);
	}

	/**
	 * The server executes the request but its answer is lost on the way back, as in a
	 * timeout: the SDK sees an I/O error and sends the request again.
	 */
	public void loseAnswerOnce(Predicate<SdkRequest> request) {
		this.answerLost.set(request);
	}

	@Override
	public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
		Predicate<SdkRequest> predicate = this.answerLost.get();
		if (predicate != null && predicate.test(context.request()) && this.answerLost.compareAndSet(predicate, null)) {
			throw SdkClientException.builder()
				.message("Simulated lost answer")
				.cause(new IOException("Connection reset"))
				.build();
		}
	}

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		crashIfArmed(this.beforeSending, context.request());
	}

	@Override
	public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
		crashIfArmed(this.afterExecuted, context.request());
	}

	private static void crashIfArmed(AtomicReference<Predicate<SdkRequest>> armed, SdkRequest request) {
		Predicate<SdkRequest> predicate = armed.get();
		if (predicate != null && predicate.test(request) && armed.compareAndSet(predicate, null)) {
			throw new SimulatedCrash(request);
		}
	}

	public static final class SimulatedCrash extends RuntimeException {

		private static final long serialVersionUID = 1L;

		SimulatedCrash(SdkRequest request) {
			super("Simulated crash at " + request.getClass().getSimpleName());
		}

	}

}
