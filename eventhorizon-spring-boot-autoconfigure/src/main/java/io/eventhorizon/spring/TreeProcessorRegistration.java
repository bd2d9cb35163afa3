package io.eventhorizon.spring;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.tree.TreeProcessor;
import io.eventhorizon.tree.TreeReader;

/**
 * One read model of a tree of the application: its name (the bean name), the parent whose
 * streams it follows, and the {@link TreeReader} that feeds it. Immutable and thread-safe
 * (the TreeReader is).
 *
 * @param name the processor's name
 * @param tree the parent whose streams it follows
 * @param processor the processor
 * @param reader the TreeReader that feeds it
 * @since 0.1.0
 */
public record TreeProcessorRegistration(String name, StreamName tree, TreeProcessor processor, TreeReader reader) {

}
