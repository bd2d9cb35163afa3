package io.eventhorizon.aggregate;

/**
 * How an aggregate's state is written into a snapshot and read back.
 * <p>
 * Implementations are thread-safe.
 *
 * @param <A> the aggregate's state type
 * @since 0.1.0
 */
public interface AggregateStateFormat<A> {

	/**
	 * Serializes a state.
	 * @param state the state
	 * @return the serialized state
	 */
	byte[] write(A state);

	/**
	 * Reads a serialized state back, entirely or not at all.
	 * @param data the serialized state
	 * @return a new state
	 */
	A read(byte[] data);

}
