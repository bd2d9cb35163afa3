package io.eventhorizon.cli;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A session whose tables hold the stream {@code /bank} ({@code $stream.Started} at
 * {@code @0}), and the ways a test writes to it: through the event log as an application
 * does, or beneath it as another writer (or damage) could.
 */
final class BankStream implements AutoCloseable {

	static final StreamName BANK = StreamName.of("/bank");

	private final CliSession session;

	private final DynamoDbEventLog eventLog;

	private BankStream(CliSession session) {
		this.session = session;
		this.eventLog = session.eventLog();
		this.eventLog.bootstrap();
		this.eventLog.createStream(BANK);
	}

	static BankStream create(String tablePrefix) {
		return new BankStream(CliSession.withTables(tablePrefix));
	}

	CliSession session() {
		return this.session;
	}

	CliRun run(String... args) {
		return this.session.run(args);
	}

	/**
	 * Appends one entry of event lines at the head, as an application does.
	 */
	Cursor append(String... lines) {
		return this.eventLog.append(BANK, LogData.ofLines(LogDataKind.DATA, List.of(lines)));
	}

	/**
	 * Puts an item with the kind byte and payload given, beneath the event log.
	 */
	void putRaw(long version, int kind, String payload) {
		byte[] text = payload.getBytes(StandardCharsets.UTF_8);
		byte[] stored = new byte[text.length + 1];
		stored[0] = (byte) kind;
		System.arraycopy(text, 0, stored, 1, text.length);
		this.session.client()
			.putItem((put) -> put.tableName(this.session.eventsTable())
				.item(Map.of(EventItems.STREAM, AttributeValue.fromS(BANK.toString()), EventItems.VERSION,
						AttributeValue.fromN(Long.toString(version)), EventItems.DATA,
						AttributeValue.fromB(SdkBytes.fromByteArray(stored)))));
	}

	@Override
	public void close() {
		this.session.close();
	}

}
