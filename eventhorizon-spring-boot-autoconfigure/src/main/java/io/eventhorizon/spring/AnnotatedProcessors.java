package io.eventhorizon.spring;

import java.beans.Introspector;
import java.util.Objects;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventTypes;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.PropertyResolver;
import org.springframework.util.ClassUtils;

/**
 * Adapts an {@link EventProcessor} object to the core's processor interfaces without an
 * application context, checking it as the application's startup would: for tests that
 * drive a read model with a {@code Reader} or a {@code TreeReader} of their own (see
 * {@code AnnotatedProcessorFixture} in {@code eventhorizon-spring-boot-test}).
 * <p>
 * The adapters keep their cursors in memory, even for a
 * {@link EventProcessor#transactional() transactional} processor: there is no transaction
 * manager here, so its handlers run with no transaction around them.
 * <p>
 * Stateless, so thread-safe.
 *
 * @since 0.1.0
 */
public final class AnnotatedProcessors {

	private AnnotatedProcessors() {
	}

	/**
	 * Whether the object is a read model of a tree ({@link EventProcessor#tree()}) rather
	 * than of one stream.
	 * @param processor an instance of an {@code @EventProcessor} class
	 * @return whether it follows a tree
	 * @throws InvalidEventProcessorException if its class is not an {@code @EventProcessor},
	 * or sets both or neither of {@code stream} and {@code tree}
	 */
	public static boolean followsTree(Object processor) {
		return EventProcessorRegistry.followsTree(nameOf(processor), declarationOf(processor));
	}

	/**
	 * Adapts a read model of one stream.
	 * @param processor an instance of an {@code @EventProcessor(stream = ...)} class
	 * @param properties resolves the placeholders of its stream, such as
	 * {@code ${bank.stream:/bank}}
	 * @param knownTypes the event types of payload classes without {@code @EventType}
	 * @return the adapter, at the beginning of the stream
	 * @throws InvalidEventProcessorException if the class is declared wrongly, names the
	 * class and what is wrong
	 */
	public static AnnotatedEventsProcessor ofStream(Object processor, PropertyResolver properties,
			EventTypes knownTypes) {
		String name = nameOf(processor);
		EventProcessor declaration = declarationOf(processor);
		if (EventProcessorRegistry.followsTree(name, declaration)) {
			throw new InvalidEventProcessorException("@EventProcessor '" + name + "' follows the tree \""
					+ declaration.tree() + "\", not one stream: adapt it with ofTree");
		}
		StreamName stream = EventProcessorRegistry.streamOf(properties, name, "stream", declaration.stream());
		AnnotatedEventsProcessor.Handlers handlers = AnnotatedEventsProcessor.findHandlers(name, processor,
				knownTypes);
		return new AnnotatedEventsProcessor(name, processor, stream,
				EventProcessorRegistry.perspectiveOf(name, declaration, processor), handlers, null);
	}

	/**
	 * Adapts a read model of a tree.
	 * @param processor an instance of an {@code @EventProcessor(tree = ...)} class
	 * @param properties resolves the placeholders of its tree, such as
	 * {@code ${bank.accounts:/bank/accounts}}
	 * @param knownTypes the event types of payload classes without {@code @EventType}
	 * @return the adapter, before every stream of the tree
	 * @throws InvalidEventProcessorException if the class is declared wrongly, names the
	 * class and what is wrong
	 */
	public static AnnotatedTreeProcessor ofTree(Object processor, PropertyResolver properties,
			EventTypes knownTypes) {
		String name = nameOf(processor);
		EventProcessor declaration = declarationOf(processor);
		if (!EventProcessorRegistry.followsTree(name, declaration)) {
			throw new InvalidEventProcessorException("@EventProcessor '" + name + "' follows the stream \""
					+ declaration.stream() + "\", not a tree: adapt it with ofStream");
		}
		StreamName tree = EventProcessorRegistry.treeOf(properties, name, declaration);
		AnnotatedEventsProcessor.Handlers handlers = AnnotatedEventsProcessor.findHandlers(name, processor,
				knownTypes);
		return new AnnotatedTreeProcessor(name, processor, tree,
				EventProcessorRegistry.perspectiveOf(name, declaration, processor), handlers);
	}

	private static EventProcessor declarationOf(Object processor) {
		EventProcessor declaration = AnnotatedElementUtils.findMergedAnnotation(processor.getClass(),
				EventProcessor.class);
		if (declaration == null) {
			throw new InvalidEventProcessorException(processor.getClass().getName()
					+ " is not annotated with @EventProcessor: annotate it, or test it as a plain EventsProcessor");
		}
		return declaration;
	}

	// The name the bean would have by default: it names the processor in messages.
	private static String nameOf(Object processor) {
		Objects.requireNonNull(processor, "processor must not be null");
		return Introspector.decapitalize(ClassUtils.getShortName(processor.getClass()));
	}

}
