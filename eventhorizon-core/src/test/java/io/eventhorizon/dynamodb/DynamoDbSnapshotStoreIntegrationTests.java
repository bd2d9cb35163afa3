package io.eventhorizon.dynamodb;

import java.util.Map;

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
	protected SnapshotStore newSnapshotStore() {
		this.tableName = DynamoDbTestServer.uniqueTableName("snapshots");
		new DynamoDbTables(this.client, new DynamoDbTableNames(this.tableName + "_events", this.tableName))
			.createMissing();
		return new DynamoDbSnapshotStore(this.client, this.tableName);
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
	void anEncryptedSnapshotIsReportedAsUnreadable() {
		SnapshotStore store = newSnapshotStore();
		this.client.putItem((put) -> put.tableName(this.tableName)
			.item(Map.of("s", AttributeValue.fromS("/bank"), "c", AttributeValue.fromS("bank-accounts:v1"), "v",
					AttributeValue.fromN("3"), "d",
					AttributeValue.fromB(SdkBytes.fromByteArray(new byte[] { 2, 0, 1 })))));

		assertThatIllegalStateException().isThrownBy(() -> store.read(BANK, ACCOUNTS_V1))
			.withMessage("Snapshot bank-accounts:v1 of /bank@3 is of kind 2, which this version cannot read "
					+ "(only 1, plaintext)");
	}

	@Test
	void aMissingTableIsReportedByName() {
		SnapshotStore store = new DynamoDbSnapshotStore(this.client, "no_such_snapshots");

		assertThatExceptionOfType(MissingTableException.class).isThrownBy(() -> store.read(BANK, ACCOUNTS_V1))
			.withMessageStartingWith("DynamoDB table \"no_such_snapshots\" does not exist");
	}

	private Map<String, AttributeValue> rawItem() {
		return this.client.getItem((get) -> get.tableName(this.tableName)
			.key(Map.of("s", AttributeValue.fromS("/bank"), "c", AttributeValue.fromS("bank-accounts:v1")))
			.consistentRead(true)).item();
	}

}
