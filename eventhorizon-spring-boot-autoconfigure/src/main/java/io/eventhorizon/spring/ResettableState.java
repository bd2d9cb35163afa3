package io.eventhorizon.spring;

/**
 * Implemented by an {@link EventProcessor} bean kept in memory that can forget its state,
 * so that it can be rebuilt from its snapshot or from the first entry (for example through
 * the {@code eventhorizon} management endpoint).
 *
 * @since 0.1.0
 */
public interface ResettableState {

	/**
	 * Forgets all state, entirely or not at all. Called while no event is applied.
	 */
	void resetState();

}
