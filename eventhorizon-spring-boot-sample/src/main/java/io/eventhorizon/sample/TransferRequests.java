package io.eventhorizon.sample;

import io.eventhorizon.client.Reader;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.event.MetaEvents.ChildStreamCreated;
import io.eventhorizon.process.ProcessManager;
import io.eventhorizon.sample.TransferEvents.TransferRequested;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.SnapshotState;

import org.springframework.stereotype.Component;

/**
 * Feeds the {@link TransferProcess} until tree read models exist: follows the one stream
 * every transfer is announced in, the parent {@code /bank/transfers} (the event log appends
 * {@code $stream.ChildStreamCreated} there for each transfer's stream, crash-safely), and
 * for each new transfer runs a {@link ProcessManager} over the transfer's own stream.
 * <p>
 * Its cursor moves past an announcement only once the transfer was completed or refunded;
 * a failure leaves it before, and the synchronizer tries again (on every instance: the
 * process's keys let one of them write each effect). Its snapshot holds that cursor only,
 * so that a restart goes on from there.
 * <p>
 * This class is the seam: a follower of the tree {@code /bank/transfers} that calls
 * {@link TransferProcess#on(TransferRequested, io.eventhorizon.process.SourceEvent)} with the
 * same {@code SourceEvent}s (process name, the transfer stream's entry, the event's line)
 * replaces it, and writes no effect twice across the switch, because the keys are the same.
 * <p>
 * Thread-safe: the synchronizer calls it from one thread at a time, and it holds no state.
 */
@Component
@EventProcessor(stream = "${bank.transfers:/bank/transfers}", snapshotPerspective = "bank-transfer-requests:v1")
class TransferRequests implements SnapshotState {

	private static final EventTypes TYPES = EventTypes.of(TransferRequested.class);

	private final TransferProcess process;

	private final EventLog eventLog;

	private final EventLineCodec codec;

	TransferRequests(TransferProcess process, EventLog eventLog, EventLineCodec codec) {
		this.process = process;
		this.eventLog = eventLog;
		this.codec = codec;
	}

	@EventHandler
	void on(ChildStreamCreated created) {
		StreamName transfer = StreamName.of(created.stream());
		ProcessManager manager = ProcessManager.builder(TransferProcess.NAME, transfer, TYPES, (source) -> {
			if (source.payload() instanceof TransferRequested requested) {
				this.process.on(requested, source);
			}
		}).build();
		Reader.builder(manager, this.eventLog).codec(this.codec).build().loadUntilRealtime();
	}

	@Override
	public byte[] snapshotState() {
		return new byte[0];
	}

	@Override
	public void restoreState(byte[] data) {
	}

}
