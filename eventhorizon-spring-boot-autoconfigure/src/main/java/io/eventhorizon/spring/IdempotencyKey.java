package io.eventhorizon.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of a {@link TransactionalAppend} method that carries the command's
 * idempotency key: a {@code String} (or an {@link io.eventhorizon.core.IdempotencyKey});
 * {@code null} for a command without one. The entry the command commits stores the key and
 * the method's result (as JSON, with the codec's mapper); a call with a key that an entry
 * among the newest {@code eventhorizon.idempotency.window} of the processors' streams has
 * already, on any instance and after restarts, does not run the method and returns the first
 * call's result.
 * <pre class="code">
 * &#64;TransactionalAppend(processors = "accounts")
 * public Account deposit(String id, long amount, &#64;IdempotencyKey &#64;Nullable String key) { ... }
 * </pre>
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface IdempotencyKey {

}
