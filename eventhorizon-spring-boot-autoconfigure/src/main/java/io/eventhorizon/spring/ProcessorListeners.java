package io.eventhorizon.spring;

import io.eventhorizon.client.ReaderListener;

/**
 * Gives each processor's {@link io.eventhorizon.client.Reader} a listener, for example for
 * metrics tagged with the processor's name. Every bean of this type contributes.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ProcessorListeners {

	/**
	 * Returns the listener for one processor.
	 * @param processor the processor's name (its bean name)
	 * @return the listener
	 */
	ReaderListener forProcessor(String processor);

}
