package io.eventhorizon.sample;

import java.time.Clock;
import java.time.Duration;

import io.eventhorizon.client.Reader;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.event.MetaEvents.ChildStreamCreated;
import io.eventhorizon.process.ProcessManager;
import io.eventhorizon.sample.TransferEvents.TransferRequested;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.SnapshotState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Feeds the {@link TransferProcess} until tree read models exist: follows the one stream
 * every transfer is announced in, the parent {@code /bank/transfers} (the event log appends
 * {@code $stream.ChildStreamCreated} there for each transfer's stream, crash-safely), and
 * for each new transfer runs a {@link ProcessManager} over the transfer's own stream.
 * <p>
 * Its cursor moves past an announcement only once the transfer was completed or refunded
 * (or, if its creator never wrote the request, after {@link #REQUEST_GRACE});
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

	private static final Logger logger = LoggerFactory.getLogger(TransferRequests.class);

	/** How long a transfer announced but not requested yet is waited for. */
	static final Duration REQUEST_GRACE = Duration.ofMinutes(1);

	private static final EventTypes TYPES = EventTypes.of(TransferRequested.class);

	private final Clock clock = Clock.systemUTC();

	private final TransferProcess process;

	private final EventLog eventLog;

	private final EventLineCodec codec;

	TransferRequests(TransferProcess process, EventLog eventLog, EventLineCodec codec) {
		this.process = process;
		this.eventLog = eventLog;
		this.codec = codec;
	}

	@EventHandler
	void on(ChildStreamCreated created, EventMeta meta) {
		StreamName transfer = StreamName.of(created.stream());
		ProcessManager manager = ProcessManager.builder(TransferProcess.NAME, transfer, TYPES, (source) -> {
			if (source.payload() instanceof TransferRequested requested) {
				this.process.on(requested, source);
			}
		}).build();
		Reader.builder(manager, this.eventLog).codec(this.codec).build().loadUntilRealtime();
		if (manager.cursor().version() < 1) {
			// The stream is announced before its creator writes the request into it: wait for
			// the request, unless the creator has been gone for too long (its client got no
			// 202 and sends the request again with its Idempotency-Key, or never will).
			if (Duration.between(meta.time(), this.clock.instant()).compareTo(REQUEST_GRACE) < 0) {
				throw new IllegalStateException("Transfer " + transfer + " is announced but not requested yet");
			}
			logger.warn("Transfer {} was announced {} ago but never requested; going on without it", transfer,
					REQUEST_GRACE);
		}
	}

	@Override
	public byte[] snapshotState() {
		return new byte[0];
	}

	@Override
	public void restoreState(byte[] data) {
	}

}
