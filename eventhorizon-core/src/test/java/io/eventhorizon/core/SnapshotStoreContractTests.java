package io.eventhorizon.core;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The behaviour every {@link SnapshotStore} has. Each implementation's tests extend this
 * class and hand out a fresh, empty store per test.
 */
public abstract class SnapshotStoreContractTests {

	protected static final StreamName BANK = StreamName.of("/bank");

	protected static final SnapshotPerspective ACCOUNTS_V1 = SnapshotPerspective.v1("bank-accounts");

	/**
	 * Returns a new, empty snapshot store.
	 * @return the store
	 */
	protected abstract SnapshotStore newSnapshotStore();

	protected static Snapshot snapshot(long version, String state) {
		return Snapshot.of(BANK.at(version), ACCOUNTS_V1, state.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aMissingSnapshotIsEmptyNotAnError() {
		assertThat(newSnapshotStore().read(BANK, ACCOUNTS_V1)).isEmpty();
	}

	@Test
	void aStoredSnapshotReadsBack() {
		SnapshotStore store = newSnapshotStore();

		assertThat(store.write(snapshot(5, "{\"a1\":100}"))).isTrue();

		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(snapshot(5, "{\"a1\":100}"));
	}

	@Test
	void aNewerSnapshotReplacesAnOlderOne() {
		SnapshotStore store = newSnapshotStore();
		store.write(snapshot(5, "five"));

		assertThat(store.write(snapshot(9, "nine"))).isTrue();

		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(snapshot(9, "nine"));
	}

	@Test
	void anOlderOrEqualSnapshotNeverReplacesANewerOne() {
		SnapshotStore store = newSnapshotStore();
		store.write(snapshot(9, "nine"));

		assertThat(store.write(snapshot(5, "five"))).isFalse();
		assertThat(store.write(snapshot(9, "nine again"))).isFalse();

		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(snapshot(9, "nine"));
	}

	@Test
	void snapshotsAreKeptPerStreamAndPerspective() {
		SnapshotStore store = newSnapshotStore();
		SnapshotPerspective accountsV2 = new SnapshotPerspective("bank-accounts", "v2");
		store.write(snapshot(5, "v1 state"));
		store.write(Snapshot.of(BANK.at(3), accountsV2, "v2 state".getBytes(StandardCharsets.UTF_8)));
		store.write(Snapshot.of(StreamName.of("/bank/eu").at(7), ACCOUNTS_V1, "eu".getBytes(StandardCharsets.UTF_8)));

		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(snapshot(5, "v1 state"));
		assertThat(store.read(BANK, accountsV2).map(Snapshot::cursor)).contains(BANK.at(3));
		assertThat(store.read(StreamName.of("/bank/eu"), ACCOUNTS_V1).map(Snapshot::cursor))
			.contains(StreamName.of("/bank/eu").at(7));
		assertThat(store.read(BANK, SnapshotPerspective.v1("other"))).isEmpty();
	}

	@Test
	void aDeletedSnapshotIsGone() {
		SnapshotStore store = newSnapshotStore();
		store.write(snapshot(5, "five"));

		assertThat(store.delete(BANK, ACCOUNTS_V1)).isTrue();
		assertThat(store.delete(BANK, ACCOUNTS_V1)).isFalse();

		assertThat(store.read(BANK, ACCOUNTS_V1)).isEmpty();
		assertThat(store.write(snapshot(1, "one"))).isTrue();
	}

	@Test
	void aSnapshotOverTheItemSizeLimitIsRefusedNotTruncated() {
		SnapshotStore store = newSnapshotStore();
		store.write(snapshot(1, "small"));
		Snapshot tooLarge = Snapshot.of(BANK.at(2), ACCOUNTS_V1, new byte[ItemSizeLimit.MAX_ITEM_BYTES]);

		assertThatExceptionOfType(SnapshotTooLargeException.class).isThrownBy(() -> store.write(tooLarge))
			.withMessageStartingWith("Snapshot bank-accounts:v1 of /bank@2 is 409")
			.withMessageEndingWith("more than the limit of 409600 bytes; it was not stored");

		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(snapshot(1, "small"));
	}

	@Test
	void aSnapshotJustUnderTheLimitIsStoredWhole() {
		SnapshotStore store = newSnapshotStore();
		Snapshot largest = Snapshot.of(BANK.at(2), ACCOUNTS_V1, new byte[ItemSizeLimit.MAX_ITEM_BYTES - 100]);
		assertThat(ItemSizeLimit.snapshotItemSize(largest)).isLessThanOrEqualTo(ItemSizeLimit.MAX_ITEM_BYTES);

		store.write(largest);

		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(largest);
	}

}
