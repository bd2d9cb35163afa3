package io.eventhorizon.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the stored type of an event payload class, such as {@code account.Deposited}.
 * The name is the contract with every reader, including the Go project: rename the class
 * freely, never the name.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

	/**
	 * The stored type name.
	 * @return the type name
	 */
	String value();

}
