package io.eventhorizon.spring;

/**
 * Implemented by an {@link EventProcessor} bean with a snapshot perspective: how its state
 * is serialized and restored.
 *
 * @since 0.1.0
 */
public interface SnapshotState {

	/**
	 * Serializes the state. Called while no event is applied.
	 * @return the serialized state
	 */
	byte[] snapshotState();

	/**
	 * Replaces the state with a serialized one, entirely or not at all.
	 * @param data the serialized state
	 */
	void restoreState(byte[] data);

}
