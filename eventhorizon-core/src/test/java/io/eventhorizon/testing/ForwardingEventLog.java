package io.eventhorizon.testing;

import org.jspecify.annotations.Nullable;
import io.eventhorizon.core.CommandRecord;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.ReadResult;
import io.eventhorizon.core.StreamName;

/**
 * An event log that forwards every call to another; tests override what they observe or
 * disturb.
 */
public class ForwardingEventLog implements EventLog {

	private final EventLog delegate;

	public ForwardingEventLog(EventLog delegate) {
		this.delegate = delegate;
	}

	@Override
	public ReadResult read(Cursor after) {
		return this.delegate.read(after);
	}

	@Override
	public Cursor head(StreamName stream) {
		return this.delegate.head(stream);
	}

	@Override
	public Cursor appendAfter(Cursor after, LogData data, @Nullable CommandRecord command) {
		return this.delegate.appendAfter(after, data, command);
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
