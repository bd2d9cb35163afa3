package io.eventhorizon.process;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.IdempotencyKey;
import io.eventhorizon.core.InvalidIdempotencyKeyException;
import io.eventhorizon.event.Event;

/**
 * One event of the stream a {@link ProcessManager} follows, with where it is: the keys of
 * its effects are derived from that place alone, so every run of the process manager, on
 * any instance, before or after a crash, gives one effect the same key.
 * <p>
 * Immutable and thread-safe.
 *
 * @param process the process manager's name
 * @param entry the cursor of the entry holding the event
 * @param index the event's line in the entry, from 0, counting the lines of event types the
 * process manager does not know: every version of it agrees on it
 * @param event the event
 * @since 0.1.0
 */
public record SourceEvent(String process, Cursor entry, int index, Event event) {

	private static final String HASHED_PREFIX = "pm-sha256:";

	/**
	 * Checks the fields.
	 * @throws IllegalArgumentException if the index is negative
	 */
	public SourceEvent {
		Objects.requireNonNull(process, "process must not be null");
		Objects.requireNonNull(entry, "entry must not be null");
		Objects.requireNonNull(event, "event must not be null");
		if (index < 0) {
			throw new IllegalArgumentException("index must not be negative, was " + index);
		}
	}

	/**
	 * Returns the event's payload.
	 * @return the payload
	 */
	public Object payload() {
		return this.event.payload();
	}

	/**
	 * Returns the idempotency key of one effect of this event, such as
	 * {@code transfers@/transfers@41#0/debit}: the process manager's name, the entry, the
	 * event's index and the effect. A text that is not a valid key (longer than
	 * {@value IdempotencyKey#MAX_LENGTH} characters, or with characters other than visible
	 * ASCII) is replaced by its SHA-256, as {@code pm-sha256:<64 hex digits>}.
	 * @param effect the effect's name, unique among the effects of one event, such as
	 * {@code debit}
	 * @return the key
	 * @throws IllegalArgumentException if the effect is empty
	 */
	public IdempotencyKey key(String effect) {
		Objects.requireNonNull(effect, "effect must not be null");
		if (effect.isEmpty()) {
			throw new IllegalArgumentException("The effect's name must not be empty (the event at " + this.entry
					+ "#" + this.index + " of process manager '" + this.process + "')");
		}
		String text = this.process + "@" + this.entry + "#" + this.index + "/" + effect;
		try {
			return IdempotencyKey.of(text);
		}
		catch (InvalidIdempotencyKeyException ex) {
			return IdempotencyKey.of(HASHED_PREFIX + sha256(text));
		}
	}

	private static String sha256(String text) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-256");
			return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java platform has SHA-256", ex);
		}
	}

}
