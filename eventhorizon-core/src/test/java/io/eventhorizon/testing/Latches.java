package io.eventhorizon.testing;

import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waits of one test thread for another, bounded so that a broken interleaving fails the
 * test instead of hanging it.
 */
public final class Latches {

	private Latches() {
	}

	/**
	 * Waits until {@code latch} is open.
	 * @param latch the latch
	 * @throws IllegalStateException if it is still closed after 10 seconds, or the wait is
	 * interrupted
	 */
	public static void await(CountDownLatch latch) {
		try {
			if (!latch.await(10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Timed out waiting for the other thread");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Waits at {@code barrier} until every other party arrives.
	 * @param barrier the barrier
	 * @throws IllegalStateException if the others have not all arrived after 10 seconds, or
	 * the wait is interrupted
	 */
	public static void await(CyclicBarrier barrier) {
		try {
			barrier.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (BrokenBarrierException | TimeoutException ex) {
			throw new IllegalStateException("Timed out waiting for the other thread at the barrier", ex);
		}
	}

}
