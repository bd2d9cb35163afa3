package io.eventhorizon.cli;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;

/**
 * The tree of streams the verify tests start from, created by the library as an application
 * creates it: {@code /}, {@code /bank}, {@code /bank/a} and {@code /bank/b}, seven meta
 * entries in all.
 */
final class BankTree {

	static final StreamName BANK = StreamName.of("/bank");

	static final StreamName ACCOUNT_A = StreamName.of("/bank/a");

	static final StreamName ACCOUNT_B = StreamName.of("/bank/b");

	private BankTree() {
	}

	static void create(DynamoDbEventLog eventLog) {
		eventLog.bootstrap();
		eventLog.createStream(BANK);
		eventLog.createStream(ACCOUNT_A);
		eventLog.createStream(ACCOUNT_B);
	}

}
