package io.eventhorizon.client;

import java.util.concurrent.atomic.AtomicLong;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;

/**
 * Counts the entries read through it.
 */
final class CountingEventLog implements EventLog {

	private final EventLog delegate;

	private final AtomicLong entriesRead = new AtomicLong();

	CountingEventLog(EventLog delegate) {
		this.delegate = delegate;
	}

	long entriesRead() {
		return this.entriesRead.get();
	}

	@Override
	public ReadResult read(Cursor after) {
		ReadResult page = this.delegate.read(after);
		this.entriesRead.addAndGet(page.entries().size());
		return page;
	}

	@Override
	public Cursor head(StreamName stream) {
		return this.delegate.head(stream);
	}

	@Override
	public Cursor appendAfter(Cursor after, LogData data) {
		return this.delegate.appendAfter(after, data);
	}

	@Override
	public Cursor append(StreamName stream, LogData data) {
		return this.delegate.append(stream, data);
	}

	@Override
	public Cursor createStream(StreamName stream) {
		return this.delegate.createStream(stream);
	}

	@Override
	public void bootstrap() {
		this.delegate.bootstrap();
	}

}
