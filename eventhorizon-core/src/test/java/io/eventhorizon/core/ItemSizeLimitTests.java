package io.eventhorizon.core;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The item size check counts every attribute an entry's item has in DynamoDB: names and
 * values, the 16-byte commit id and the command record.
 */
class ItemSizeLimitTests {

	private static final Cursor TARGET = StreamName.of("/bank").at(1);

	private static final LogData TEN_BYTES = LogData.of(LogDataKind.DATA,
			"{\"a\":1234}".getBytes(StandardCharsets.UTF_8));

	@Test
	void anEntryCountsKeysDataAtItsLargestVersionAndA16ByteCommitId() {
		long stream = "s".length() + "/bank".length();
		long version = "v".length() + 21;
		long data = "d".length() + 1 + 10;
		long commitId = "i".length() + 16;

		assertThat(ItemSizeLimit.entryItemSize(TARGET, TEN_BYTES, null)).isEqualTo(stream + version + data + commitId);
	}

	@Test
	void aCommandRecordAddsItsKeyAndResultInUtf8() {
		long withoutRecord = ItemSizeLimit.entryItemSize(TARGET, TEN_BYTES, null);

		assertThat(ItemSizeLimit.entryItemSize(TARGET, TEN_BYTES,
				new CommandRecord(IdempotencyKey.of("order-1"), "{\"owner\":\"Zoë\"}")))
			.isEqualTo(withoutRecord + "k".length() + 7 + "r".length() + 16);
		assertThat(ItemSizeLimit.entryItemSize(TARGET, TEN_BYTES, new CommandRecord(IdempotencyKey.of("order-1"), null)))
			.isEqualTo(withoutRecord + "k".length() + 7);
	}

}
