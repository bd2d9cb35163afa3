package io.eventhorizon.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a class as an aggregate kept in one stream per instance, {@code <parent>/<id>}.
 * It is not a bean: each aggregate is an instance, made with the class's no-argument
 * constructor and changed by its {@link EventHandler} methods (which take the payload and,
 * optionally, the {@code EventMeta}). The starter defines an {@code Aggregates<T>} bean per
 * annotated class in the application's packages, to create and command them.
 *
 * <pre>
 * &#64;Aggregate(parent = "/bank/accounts", snapshotPerspective = "account:v1", snapshotEvery = 100)
 * class Account {
 *     private long balance;
 *     &#64;EventHandler void on(Deposited deposited) { this.balance += deposited.amount(); }
 * }
 * </pre>
 *
 * Snapshots hold the class's fields as JSON (with the event codec's mapper).
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Aggregate {

	/**
	 * The stream below which each aggregate has its own, such as {@code /bank/accounts};
	 * placeholders such as {@code ${bank.accounts}} are resolved.
	 * @return the parent stream's name
	 */
	String parent();

	/**
	 * The snapshot perspective {@code appId:version}, such as {@code account:v1}; empty
	 * for no snapshots. Bump the version when the fields change.
	 * @return the perspective, or empty
	 */
	String snapshotPerspective() default "";

	/**
	 * How many entries an aggregate moves on between two of its snapshots.
	 * @return the entries, at least 1
	 */
	long snapshotEvery() default 100;

}
