package io.eventhorizon.core;

import java.nio.charset.StandardCharsets;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The behaviour every {@link SnapshotStore} has. Each implementation's tests extend this
 * class and hand out a fresh, empty store per test.
 */
public abstract class SnapshotStoreContractTests {

	protected static final StreamName BANK = StreamName.of("/bank");

	protected static final SnapshotPerspective ACCOUNTS_V1 = SnapshotPerspective.v1("bank-accounts");

	/** 1.5 MB: split across several DynamoDB items. */
	protected static final int LARGER_THAN_AN_ITEM = 1536 * 1024;

	/**
	 * Returns a new, empty snapshot store.
	 * @param sizeLimit the largest snapshot it accepts
	 * @return the store
	 */
	protected abstract SnapshotStore newSnapshotStore(SnapshotSizeLimit sizeLimit);

	protected SnapshotStore newSnapshotStore() {
		return newSnapshotStore(SnapshotSizeLimit.DEFAULT);
	}

	protected static Snapshot largeSnapshot(long version, int size) {
		byte[] data = new byte[size];
		// Every chunk different, so a chunk in the wrong place or of another snapshot shows.
		new Random(version).nextBytes(data);
		return Snapshot.of(BANK.at(version), ACCOUNTS_V1, data);
	}

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
	void aSnapshotLargerThanOneItemReadsBackWhole() {
		SnapshotStore store = newSnapshotStore();
		Snapshot large = largeSnapshot(5, LARGER_THAN_AN_ITEM);
		assertThat(ItemSizeLimit.snapshotFitsOneItem(large)).isFalse();

		assertThat(store.write(large)).isTrue();

		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(large);
	}

	@Test
	void aLargeSnapshotAndASmallOneReplaceEachOtherByVersion() {
		SnapshotStore store = newSnapshotStore();
		store.write(snapshot(3, "three"));

		assertThat(store.write(largeSnapshot(5, LARGER_THAN_AN_ITEM))).isTrue();
		assertThat(store.write(snapshot(4, "four"))).isFalse();
		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(largeSnapshot(5, LARGER_THAN_AN_ITEM));

		assertThat(store.write(snapshot(9, "nine"))).isTrue();
		assertThat(store.write(largeSnapshot(7, LARGER_THAN_AN_ITEM))).isFalse();
		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(snapshot(9, "nine"));
	}

	@Test
	void aDeletedLargeSnapshotIsGone() {
		SnapshotStore store = newSnapshotStore();
		store.write(largeSnapshot(5, LARGER_THAN_AN_ITEM));

		assertThat(store.delete(BANK, ACCOUNTS_V1)).isTrue();

		assertThat(store.read(BANK, ACCOUNTS_V1)).isEmpty();
	}

	@Test
	void aSnapshotOverTheSizeLimitIsRefusedNotTruncated() {
		SnapshotStore store = newSnapshotStore(new SnapshotSizeLimit(1024 * 1024));
		store.write(snapshot(1, "small"));

		assertThatExceptionOfType(SnapshotTooLargeException.class)
			.isThrownBy(() -> store.write(largeSnapshot(2, LARGER_THAN_AN_ITEM)))
			.withMessage("Snapshot bank-accounts:v1 of /bank@2 is 1572864 bytes, more than the limit of 1048576 "
					+ "bytes; it was not stored")
			.satisfies((ex) -> assertThat(ex.getSize()).isEqualTo(LARGER_THAN_AN_ITEM));

		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(snapshot(1, "small"));
	}

	@Test
	void aSnapshotOfExactlyTheSizeLimitIsStored() {
		SnapshotStore store = newSnapshotStore(new SnapshotSizeLimit(LARGER_THAN_AN_ITEM));

		assertThat(store.write(largeSnapshot(2, LARGER_THAN_AN_ITEM))).isTrue();

		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(largeSnapshot(2, LARGER_THAN_AN_ITEM));
	}

	@Test
	void theDefaultSizeLimitIs64Megabytes() {
		assertThat(SnapshotSizeLimit.DEFAULT.maxBytes()).isEqualTo(64 * 1024 * 1024);
	}

	@Test
	void aSizeLimitThatIsNotPositiveIsRefusedByValue() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SnapshotSizeLimit(0))
			.withMessage("Snapshot size limit must be positive, but was 0 bytes");
	}

	@Test
	void aSnapshotJustUnderTheItemSizeLimitIsStoredWhole() {
		SnapshotStore store = newSnapshotStore();
		Snapshot largest = Snapshot.of(BANK.at(2), ACCOUNTS_V1, new byte[ItemSizeLimit.MAX_ITEM_BYTES - 100]);
		assertThat(ItemSizeLimit.snapshotFitsOneItem(largest)).isTrue();

		store.write(largest);

		assertThat(store.read(BANK, ACCOUNTS_V1)).contains(largest);
	}

}
