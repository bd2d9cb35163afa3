package io.eventhorizon.process.example;

import io.eventhorizon.core.EventLog;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.process.TreeProcessManager;
import io.eventhorizon.tree.TreeReader;

public class TransferFollower {

	@EventType("account.TransferDebited")
	record TransferDebited(String transferId, String to, long amount) {
	}

	public static TreeReader follow(EventLog eventLog) {
		TreeProcessManager transfers = TreeProcessManager.builder("transfers", StreamName.of("/bank/accounts"),
				EventTypes.of(TransferDebited.class), (source) -> {
					if (source.payload() instanceof TransferDebited debited) {
						// 1. return if the transfer's outcome is recorded already (see below)
						// 2. credit debited.to() with source.key("credit"), record the outcome with source.key("outcome")
					}
				})
			.build();
		return TreeReader.builder(transfers, eventLog, transfers.tree()).build();
	}

}
