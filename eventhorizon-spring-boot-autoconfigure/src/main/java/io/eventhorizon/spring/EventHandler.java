package io.eventhorizon.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link EventProcessor} bean that applies one event type. The method
 * takes the event payload (a class annotated with {@code @EventType}) and, optionally and
 * in any order, the event's {@code EventMeta}, the {@code Cursor} of its entry and the
 * {@code StreamName} of its stream (for a read model of a tree, the stream below the tree
 * that the event belongs to). One handler per event type; events of types without a
 * handler are skipped.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface EventHandler {

}
