package io.eventhorizon.process.example;

import java.time.Instant;
import java.util.List;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.aggregate.example.Wallet;
import io.eventhorizon.client.Reader;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.inmemory.InMemoryEventLog;
import io.eventhorizon.inmemory.InMemorySnapshotStore;
import io.eventhorizon.process.ProcessManager;

public class TransferProcessExample {

	@EventType("transfer.Requested")
	public record TransferRequested(String from, String to, long amount) {
	}

	static final StreamName TRANSFERS = StreamName.of("/transfers");

	static final EventTypes TRANSFER_TYPES = EventTypes.of(TransferRequested.class);

	public static void main(String[] args) {
		System.out.println("Balances after the transfer: " + run());
	}

	static List<Long> run() {
		EventLog eventLog = new InMemoryEventLog();
		eventLog.bootstrap();
		eventLog.createStream(StreamName.of("/wallets"));
		eventLog.createStream(TRANSFERS);
		Aggregates<Wallet> wallets = Aggregates.builder(Wallet.TYPE, eventLog).build();
		for (String id : List.of("w-1", "w-2")) {
			wallets.create(id, (wallet, events) -> {
				events.append(new Wallet.Credited(100));
				return null;
			});
		}

		ProcessManager transfers = ProcessManager.builder("transfers", TRANSFERS, TRANSFER_TYPES, (source) -> {
			if (source.payload() instanceof TransferRequested transfer) {
				wallets.execute(transfer.from(), source.key("debit"), Long.class, (wallet, events) -> {
					events.append(new Wallet.Debited(transfer.amount()));
					return wallet.balance() - transfer.amount();
				});
				wallets.execute(transfer.to(), source.key("credit"), Long.class, (wallet, events) -> {
					events.append(new Wallet.Credited(transfer.amount()));
					return wallet.balance() + transfer.amount();
				});
			}
		}).cursorSnapshots(SnapshotPerspective.v1("transfers-process")).build();
		Reader reader = Reader.builder(transfers, eventLog).snapshotStore(new InMemorySnapshotStore()).build();

		EventLineCodec codec = new EventLineCodec(TRANSFER_TYPES);
		eventLog.append(TRANSFERS,
				codec.encode(List.of(Event.of(new TransferRequested("w-1", "w-2", 30), EventMeta.system(Instant.now())))));
		reader.loadUntilRealtime();
		return List.of(wallets.query("w-1", Wallet::balance), wallets.query("w-2", Wallet::balance));
	}

}
