package io.eventhorizon.event;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.StreamName;

/**
 * The meta events that the event log itself writes, as plaintext {@link LogDataKind#META}
 * entries, in the Go project's names and payload shapes. Stateless and thread-safe.
 *
 * @since 0.1.0
 */
public final class MetaEvents {

	private static final EventLineCodec CODEC = new EventLineCodec(EventTypes.builder().build());

	// The Go project's eh.MetaTypes: the only types its readers take from a meta entry.
	private static final Set<String> META_TYPES = Set.of("$stream.Started", "$stream.ChildStreamCreated",
			"$subscription.Subscribed", "$subscription.Unsubscribed");

	private MetaEvents() {
	}

	/**
	 * Returns the {@code @0} entry of a new stream.
	 * @param now the time of creation
	 * @return the entry's data
	 */
	public static LogData streamStarted(Instant now) {
		return CODEC.encode(LogDataKind.META, List.of(Event.of(new StreamStarted(), EventMeta.system(now))));
	}

	/**
	 * Returns the entry that announces a new child in its parent.
	 * @param child the new stream
	 * @param now the time of creation
	 * @return the entry's data
	 */
	public static LogData childStreamCreated(StreamName child, Instant now) {
		return CODEC.encode(LogDataKind.META,
				List.of(Event.of(new ChildStreamCreated(child.toString()), EventMeta.system(now))));
	}

	/**
	 * Whether {@code type} is a meta-event type, one that a {@link LogDataKind#META} entry
	 * may hold: {@code $stream.Started}, {@code $stream.ChildStreamCreated},
	 * {@code $subscription.Subscribed} or {@code $subscription.Unsubscribed}, as in the Go
	 * project. Readers skip events of other types found in a meta entry.
	 * @param type a stored type name
	 * @return whether it is a meta-event type
	 */
	public static boolean isMetaType(String type) {
		return META_TYPES.contains(type);
	}

	/**
	 * Whether an entry announces the creation of {@code child}.
	 * @param data an entry's data
	 * @param child the child stream
	 * @return whether the entry is a meta entry holding {@code ChildStreamCreated(child)}
	 */
	public static boolean announces(LogData data, StreamName child) {
		if (!data.kind().equals(LogDataKind.META)) {
			return false;
		}
		for (String line : data.payloadText().split("\n", -1)) {
			if (CODEC.decodeLine(line).payload() instanceof ChildStreamCreated created
					&& created.stream().equals(child.toString())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * {@code $stream.Started}: always at {@code @0} of a stream. Immutable.
	 */
	@EventType("$stream.Started")
	public record StreamStarted() {
	}

	/**
	 * {@code $stream.ChildStreamCreated}: appended to the parent of a new stream.
	 * Immutable.
	 *
	 * @param stream the name of the new stream
	 */
	@EventType("$stream.ChildStreamCreated")
	public record ChildStreamCreated(@JsonProperty("Stream") String stream) {

		public ChildStreamCreated {
			Objects.requireNonNull(stream, "stream must not be null");
		}

	}

}
