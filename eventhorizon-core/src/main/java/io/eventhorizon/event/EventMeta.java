package io.eventhorizon.event;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What is known about an event besides its payload: when it happened (logical time),
 * when it was recorded (differs only for backdated events) and who caused it. Times are
 * kept in UTC at millisecond precision, rounded.
 * <p>
 * Instances are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class EventMeta {

	private final Instant time;

	private final Instant timeOfRecording;

	private final @Nullable String userId;

	private EventMeta(Instant time, Instant timeOfRecording, @Nullable String userId) {
		this.time = LogTime.round(time);
		this.timeOfRecording = LogTime.round(timeOfRecording);
		this.userId = (userId == null || userId.isEmpty()) ? null : userId;
	}

	/**
	 * Returns the metadata of an event that a user caused at {@code time}.
	 * @param time when it happened (and was recorded)
	 * @param userId who caused it
	 * @return the metadata
	 */
	public static EventMeta of(Instant time, String userId) {
		Objects.requireNonNull(time, "time must not be null");
		Objects.requireNonNull(userId, "userId must not be null");
		return new EventMeta(time, time, userId);
	}

	/**
	 * Returns the metadata of an event that the system caused at {@code time}.
	 * @param time when it happened (and was recorded)
	 * @return the metadata
	 */
	public static EventMeta system(Instant time) {
		Objects.requireNonNull(time, "time must not be null");
		return new EventMeta(time, time, null);
	}

	/**
	 * Returns the metadata of a backdated event: it happened at {@code time} but was
	 * recorded at {@code timeOfRecording}.
	 * @param time when it happened
	 * @param timeOfRecording when it was recorded
	 * @param userId who caused it, or {@code null} for the system
	 * @return the metadata
	 */
	public static EventMeta backdated(Instant time, Instant timeOfRecording, @Nullable String userId) {
		Objects.requireNonNull(time, "time must not be null");
		Objects.requireNonNull(timeOfRecording, "timeOfRecording must not be null");
		return new EventMeta(time, timeOfRecording, userId);
	}

	/**
	 * Returns when the event happened (its logical time).
	 * @return the logical time
	 */
	public Instant time() {
		return this.time;
	}

	/**
	 * Returns when the event was recorded; the logical time unless backdated.
	 * @return the time of recording
	 */
	public Instant timeOfRecording() {
		return this.timeOfRecording;
	}

	/**
	 * Returns who caused the event, as an {@link Optional}: empty, never {@code null}, when
	 * the system caused it (the stored line has no {@code u}). To show it, write
	 * {@code meta.userId().orElse("system")}; {@link #isSystem()} tells the two apart.
	 * @return the user id, or empty for the system
	 */
	public Optional<String> userId() {
		return Optional.ofNullable(this.userId);
	}

	/**
	 * Whether the system, not a user, caused the event.
	 * @return whether there is no user id
	 */
	public boolean isSystem() {
		return this.userId == null;
	}

	@Override
	public boolean equals(Object other) {
		return (this == other) || (other instanceof EventMeta that && this.time.equals(that.time)
				&& this.timeOfRecording.equals(that.timeOfRecording) && Objects.equals(this.userId, that.userId));
	}

	@Override
	public int hashCode() {
		return Objects.hash(this.time, this.timeOfRecording, this.userId);
	}

	@Override
	public String toString() {
		return "EventMeta[time=" + this.time + ", timeOfRecording=" + this.timeOfRecording + ", userId="
				+ ((this.userId != null) ? this.userId : "<system>") + "]";
	}

}
