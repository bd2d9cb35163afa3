package io.eventhorizon.spring.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.testing.ForwardingEventLog;

/**
 * An in-memory event log that counts the reads of one stream: each is a sync (a poll, a
 * requested sync or an offer that had to read) that ran. Thread-safe.
 */
public class CountingEventLog extends ForwardingEventLog {

	private final StreamName counted;

	final AtomicInteger reads = new AtomicInteger();

	CountingEventLog(StreamName counted) {
		super(new InMemoryEventLog());
		this.counted = counted;
	}

	@Override
	public ReadResult read(Cursor after) {
		if (after.stream().equals(this.counted)) {
			this.reads.incrementAndGet();
		}
		return super.read(after);
	}

}
