package io.eventhorizon.cli;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code verify} found in a store or a subtree of it.
 * <p>
 * Immutable and thread-safe.
 *
 * @param streams how many streams have entries
 * @param entries how many entries there are
 * @param kinds how many entries there are of each kind byte, by kind byte
 * @param encrypted how many entries are encrypted (kind 2), so that their lines were not checked
 * @param damage the damage found; empty when the store is clean
 * @param creationsInProgress the streams being created, which are not damage
 */
record StoreReport(long streams, long entries, Map<Integer, Long> kinds, long encrypted, List<Damage> damage,
		List<CreationInProgress> creationsInProgress) {

	StoreReport {
		// Sorted by kind byte, for a summary that reads the same every time.
		kinds = Collections.unmodifiableSortedMap(new TreeMap<>(kinds));
		damage = List.copyOf(damage);
		creationsInProgress = List.copyOf(creationsInProgress);
	}

	/**
	 * Tells whether no damage was found.
	 * @return whether the store is clean
	 */
	boolean clean() {
		return this.damage.isEmpty();
	}

}
