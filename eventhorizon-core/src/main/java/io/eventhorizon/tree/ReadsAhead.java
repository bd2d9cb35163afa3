package io.eventhorizon.tree;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Reads items on an executor, at most a number of them ahead of the caller, and hands each
 * result back on the caller's thread, in the items' order. So reads overlap while whatever
 * consumes them (the processor) runs on one thread, one result at a time.
 * <p>
 * A read the executor refuses (it was shut down) runs on the caller's thread. With a
 * concurrency of 1 every read runs on the caller's thread, just before its result is used.
 * <p>
 * Thread-safe: it keeps no state between calls.
 */
final class ReadsAhead {

	private final Executor executor;

	private final int concurrency;

	ReadsAhead(Executor executor, int concurrency) {
		this.executor = executor;
		this.concurrency = concurrency;
	}

	/**
	 * Reads every item and passes each item with its result to {@code use}, in the items'
	 * order, on the calling thread. A failed read is rethrown when its turn comes; the
	 * reads still running then are abandoned (their results are dropped).
	 * @param <T> the items
	 * @param <R> the results
	 * @param items what to read
	 * @param read the read; it must not call the processor
	 * @param use what to do with each result, on the calling thread
	 */
	<T, R> void forEachInOrder(List<T> items, Function<T, R> read, BiConsumer<T, R> use) {
		if (this.concurrency <= 1 || items.size() <= 1) {
			for (T item : items) {
				use.accept(item, read.apply(item));
			}
			return;
		}
		Deque<CompletableFuture<R>> ahead = new ArrayDeque<>();
		int next = 0;
		try {
			for (int used = 0; used < items.size(); used++) {
				while (next < items.size() && ahead.size() < this.concurrency) {
					ahead.add(start(read, items.get(next++)));
				}
				use.accept(items.get(used), join(ahead.poll()));
			}
		}
		finally {
			ahead.forEach((abandoned) -> abandoned.cancel(false));
		}
	}

	private <T, R> CompletableFuture<R> start(Function<T, R> read, T item) {
		try {
			return CompletableFuture.supplyAsync(() -> read.apply(item), this.executor);
		}
		catch (RejectedExecutionException ex) {
			try {
				return CompletableFuture.completedFuture(read.apply(item));
			}
			catch (RuntimeException failure) {
				return CompletableFuture.failedFuture(failure);
			}
		}
	}

	private static <R> R join(CompletableFuture<R> result) {
		try {
			return result.join();
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof RuntimeException failure) {
				throw failure;
			}
			if (ex.getCause() instanceof Error error) {
				throw error;
			}
			throw ex;
		}
		catch (CancellationException ex) {
			throw new IllegalStateException("A read of the tree was cancelled", ex);
		}
	}

}
