package io.eventhorizon.dynamodb;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import io.eventhorizon.core.Snapshot;
import io.eventhorizon.core.SnapshotSizeLimit;
import io.eventhorizon.core.SnapshotStore;
import io.eventhorizon.core.SnapshotStoreContractTests;
import io.eventhorizon.testing.DynamoDbTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The DynamoDB snapshot store holds the snapshot store contract against dynalite and keeps
 * the Go project's item layout.
 */
class DynamoDbSnapshotStoreIntegrationTests extends SnapshotStoreContractTests {

	private final DynamoDbClient client = DynamoDbTestServer.get().newClient();

	private String tableName;

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Override
	protected SnapshotStore newSnapshotStore(SnapshotSizeLimit sizeLimit) {
		this.tableName = DynamoDbTestServer.uniqueTableName("snapshots");
		new DynamoDbTables(this.client, new DynamoDbTableNames(this.tableName + "_events", this.tableName))
			.createMissing();
		return new DynamoDbSnapshotStore(this.client, this.tableName, DynamoDbListener.NONE, sizeLimit);
	}

	@Test
	void snapshotsAreStoredInTheGoProjectsItemLayout() {
		newSnapshotStore().write(snapshot(41, "{\"a1\":100}"));

		Map<String, AttributeValue> item = rawItem();
		assertThat(item).containsOnlyKeys("s", "c", "v", "d");
		assertThat(item.get("s").s()).isEqualTo("/bank");
		assertThat(item.get("c").s()).isEqualTo("bank-accounts:v1");
		assertThat(item.get("v").n()).isEqualTo("41");
		assertThat(item.get("d").b().asUtf8String()).isEqualTo("\u0001{\"a1\":100}");
	}

	@Test
	void aSplitSnapshotIsAManifestInTheSnapshotItemAndChunksUnderAPartitionNoStreamHas() throws Exception {
		Snapshot large = largeSnapshot(41, LARGER_THAN_AN_ITEM);
		newSnapshotStore().write(large);

		Map<String, AttributeValue> item = rawItem();
		assertThat(item).containsOnlyKeys("s", "c", "v", "d");
		assertThat(item.get("s").s()).isEqualTo("/bank");
		assertThat(item.get("c").s()).isEqualTo("bank-accounts:v1");
		assertThat(item.get("v").n()).isEqualTo("41");
		ByteBuffer manifest = item.get("d").b().asByteBuffer();
		assertThat(manifest.remaining()).isEqualTo(62);
		assertThat(manifest.get()).as("kind: chunked").isEqualTo((byte) 3);
		assertThat(manifest.get()).as("kind of the whole data: plaintext").isEqualTo((byte) 1);
		byte[] setId = new byte[16];
		manifest.get(setId);
		assertThat(manifest.getInt()).as("chunks").isEqualTo(6);
		assertThat(manifest.getLong()).as("size").isEqualTo(LARGER_THAN_AN_ITEM);
		byte[] sha256 = new byte[32];
		manifest.get(sha256);
		assertThat(sha256).isEqualTo(MessageDigest.getInstance("SHA-256").digest(large.data()));

		List<Map<String, AttributeValue>> chunks = chunkItems();
		String setPrefix = "bank-accounts:v1@41/" + HexFormat.of().formatHex(setId) + "#";
		assertThat(chunks).extracting((chunk) -> chunk.get("c").s())
			.containsExactly(setPrefix + "00000", setPrefix + "00001", setPrefix + "00002", setPrefix + "00003",
					setPrefix + "00004", setPrefix + "00005");
		assertThat(chunks).allSatisfy((chunk) -> {
			assertThat(chunk).containsOnlyKeys("s", "c", "v", "d");
			assertThat(chunk.get("s").s()).isEqualTo("$chunks/bank");
			assertThat(chunk.get("v").n()).isEqualTo("41");
		});
		assertThat(chunks).extracting((chunk) -> chunk.get("d").b().asByteArray().length)
			.containsExactly(307200, 307200, 307200, 307200, 307200, 36864);
	}

	@Test
	void theGoProjectsQueryOfAStreamsSnapshotsSeesOnlyPerspectives() {
		SnapshotStore store = newSnapshotStore();
		store.write(largeSnapshot(41, LARGER_THAN_AN_ITEM));

		List<Map<String, AttributeValue>> listed = this.client
			.query((query) -> query.tableName(this.tableName)
				.keyConditionExpression("s = :s")
				.expressionAttributeValues(Map.of(":s", AttributeValue.fromS("/bank")))
				.projectionExpression("c,v"))
			.items();

		assertThat(listed).extracting((item) -> item.get("c").s()).containsExactly("bank-accounts:v1");
	}

	@Test
	void aSmallSnapshotReplacingASplitOneDeletesItsChunks() {
		SnapshotStore store = newSnapshotStore();
		store.write(largeSnapshot(5, LARGER_THAN_AN_ITEM));

		store.write(snapshot(9, "nine"));

		assertThat(chunkItems()).isEmpty();
		assertThat(rawItem().get("d").b().asUtf8String()).isEqualTo("\u0001nine");
	}

	@Test
	void deletingASplitSnapshotDeletesItsChunks() {
		SnapshotStore store = newSnapshotStore();
		store.write(largeSnapshot(5, LARGER_THAN_AN_ITEM));

		store.delete(BANK, ACCOUNTS_V1);

		assertThat(chunkItems()).isEmpty();
	}

	@Test
	void anEncryptedSnapshotIsReportedAsUnreadable() {
		SnapshotStore store = newSnapshotStore();
		this.client.putItem((put) -> put.tableName(this.tableName)
			.item(Map.of("s", AttributeValue.fromS("/bank"), "c", AttributeValue.fromS("bank-accounts:v1"), "v",
					AttributeValue.fromN("3"), "d",
					AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] { 2, 0, 1 })))));

		assertThatIllegalStateException().isThrownBy(() -> store.read(BANK, ACCOUNTS_V1))
			.withMessage("Snapshot bank-accounts:v1 of /bank@3 is of kind 2, which this version cannot read "
					+ "(only 1, plaintext, and 3, chunked)");
	}

	@Test
	void aMissingTableIsReportedByName() {
		SnapshotStore store = new DynamoDbSnapshotStore(this.client, "no_such_snapshots");

		assertThatExceptionOfType(MissingTableException.class).isThrownBy(() -> store.read(BANK, ACCOUNTS_V1))
			.withMessageStartingWith("DynamoDB table \"no_such_snapshots\" does not exist");
	}

	private List<Map<String, AttributeValue>> chunkItems() {
		return this.client
			.queryPaginator((query) -> query.tableName(this.tableName)
				.consistentRead(true)
				.keyConditionExpression("s = :s")
				.expressionAttributeValues(Map.of(":s", AttributeValue.fromS("$chunks/bank"))))
			.items()
			.stream()
			.toList();
	}

	private Map<String, AttributeValue> rawItem() {
		return this.client.getItem((get) -> get.tableName(this.tableName)
			.key(Map.of("s", AttributeValue.fromS("/bank"), "c", AttributeValue.fromS("bank-accounts:v1")))
			.consistentRead(true)).item();
	}

}
