package io.eventhorizon.spring;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a bean as a read model of one stream, or of every stream below a parent (a tree).
 * Its {@link EventHandler} methods receive the events in order (for a tree: each stream's
 * events in that stream's order, with no order across streams), and the synchronizer keeps
 * it near realtime. Exactly one of {@link #stream()} and {@link #tree()} is set.
 * <p>
 * By default the read model lives in memory and the cursor is kept for it. With
 * {@link #transactional()} it lives in a relational database: every entry is applied in one
 * transaction of the application's transaction manager, which also stores the cursor (in
 * the {@code eventhorizon_cursors} table; for a tree, one cursor per stream in
 * {@code eventhorizon_tree_cursors}), so each entry is applied exactly once.
 *
 * <pre>
 * &#64;EventProcessor(stream = "${bank.stream:/bank}", snapshotPerspective = "bank-accounts:v1")
 * class Accounts implements SnapshotState {
 *     &#64;EventHandler void on(Deposited deposited, EventMeta meta) { ... }
 * }
 * </pre>
 *
 * @since 0.1.0
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventProcessor {

	/**
	 * The stream to follow, such as {@code /bank}; placeholders such as
	 * {@code ${bank.stream}} are resolved. Empty when the bean follows a {@link #tree()}.
	 * @return the stream name, or empty
	 */
	String stream() default "";

	/**
	 * The parent whose streams to follow, such as {@code /bank/accounts}: every stream
	 * below it, at any depth, including streams created later (but not the parent's own
	 * entries). Placeholders are resolved. Handlers tell the streams apart by taking a
	 * {@code StreamName} parameter. Empty when the bean follows a {@link #stream()}.
	 * @return the parent stream's name, or empty
	 * @since 0.1.0
	 */
	String tree() default "";

	/**
	 * The snapshot perspective {@code appId:version}, such as {@code bank-accounts:v1};
	 * empty for no snapshots. A bean with a perspective implements {@link SnapshotState}.
	 * @return the perspective, or empty
	 */
	String snapshotPerspective() default "";

	/**
	 * Whether the read model is kept in a database: each entry is applied in a new
	 * transaction of the application's {@code PlatformTransactionManager}, together with
	 * the processor's cursor (for a tree, the cursor of the entry's stream).
	 * @return whether the processor is transactional
	 */
	boolean transactional() default false;

}
