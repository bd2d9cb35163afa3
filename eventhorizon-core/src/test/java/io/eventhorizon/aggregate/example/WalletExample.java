package io.eventhorizon.aggregate.example;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.inmemory.InMemoryEventLog;

public class WalletExample {

	public static void main(String[] args) {
		System.out.println("Balance after the debit: " + run());
	}

	static long run() {
		EventLog eventLog = new InMemoryEventLog();
		eventLog.bootstrap();
		eventLog.createStream(StreamName.of("/wallets"));
		Aggregates<Wallet> wallets = Aggregates.builder(Wallet.TYPE, eventLog).build();

		wallets.create("w-1", (wallet, events) -> {
			events.append(new Wallet.Credited(100));
			return null;
		});
		wallets.execute("w-1", (wallet, events) -> {
			if (wallet.balance() < 30) {
				throw new IllegalStateException("Not enough in wallet w-1");
			}
			events.append(new Wallet.Debited(30));
			return wallet.balance() - 30;
		});
		return wallets.query("w-1", Wallet::balance);
	}

}
