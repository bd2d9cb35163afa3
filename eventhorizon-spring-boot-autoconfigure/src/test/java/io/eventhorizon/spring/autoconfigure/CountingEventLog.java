package io.eventhorizon.spring.autoconfigure;

import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.CommandRecord;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.inmemory.InMemoryEventLog;
import org.jspecify.annotations.Nullable;

/**
 * An in-memory event log that counts the reads of one stream: each is a sync (a poll, a
 * requested sync or an offer that had to read) that ran. Thread-safe.
 */
public class CountingEventLog implements EventLog {

	private final EventLog log = new InMemoryEventLog();

	private final StreamName counted;

	final AtomicInteger reads = new AtomicInteger();

	CountingEventLog(StreamName counted) {
		this.counted = counted;
	}

	@Override
	public ReadResult read(Cursor after) {
		if (after.stream().equals(this.counted)) {
			this.reads.incrementAndGet();
		}
		return this.log.read(after);
	}

	@Override
	public Cursor head(StreamName stream) {
		return this.log.head(stream);
	}

	@Override
	public Cursor appendAfter(Cursor after, LogData data, @Nullable CommandRecord command) {
		return this.log.appendAfter(after, data, command);
	}

	@Override
	public Cursor append(StreamName stream, LogData data) {
		return this.log.append(stream, data);
	}

	@Override
	public Cursor createStream(StreamName stream) {
		return this.log.createStream(stream);
	}

	@Override
	public void bootstrap() {
		this.log.bootstrap();
	}

}
