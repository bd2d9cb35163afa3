package io.eventhorizon.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that validates against read models and appends events. The read models it
 * depends on are brought to realtime before it runs; when its append loses an
 * optimistic-locking race, that happens again and the method is invoked again. Inside the method,
 * {@link EventHorizonTemplate#append(String, Object...)} appends after the cursor the read
 * model of that stream had when the method validated. After success the local read models
 * of the streams it appended to are brought up to date before it returns, so the caller
 * reads its own write.
 * <p>
 * Combined with {@code @Transactional}, this advice runs outside the transaction (it has a
 * higher precedence), so every attempt runs in a transaction of its own.
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface TransactionalAppend {

	/**
	 * Bean names of the {@link EventProcessor}s the method validates against; empty for the
	 * bean itself, which must then be a processor.
	 * @return the processor bean names
	 */
	String[] processors() default {};

	/**
	 * Attempts in all; {@code -1} for {@code eventhorizon.append.max-attempts}.
	 * @return the attempts
	 */
	int maxAttempts() default -1;

	/**
	 * Upper bound of the first wait between attempts, such as {@code 10ms}; empty for
	 * {@code eventhorizon.append.initial-backoff}.
	 * @return the initial backoff
	 */
	String initialBackoff() default "";

}
