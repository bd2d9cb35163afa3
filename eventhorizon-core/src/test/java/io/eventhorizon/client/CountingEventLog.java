package io.eventhorizon.client;

import java.util.concurrent.atomic.AtomicLong;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.testing.ForwardingEventLog;

/**
 * Counts the entries read through it.
 */
final class CountingEventLog extends ForwardingEventLog {

	private final AtomicLong entriesRead = new AtomicLong();

	CountingEventLog(EventLog delegate) {
		super(delegate);
	}

	long entriesRead() {
		return this.entriesRead.get();
	}

	@Override
	public ReadResult read(Cursor after) {
		ReadResult page = super.read(after);
		this.entriesRead.addAndGet(page.entries().size());
		return page;
	}

}
