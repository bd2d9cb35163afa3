package io.eventhorizon.client;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import io.eventhorizon.core.SnapshotPerspective;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;

/**
 * A read model kept in memory that notes every mark it applies, and whose
 * {@link #beforeApplying(Consumer) hook} can fail or hold up an event.
 */
class Tally extends InMemoryProcessor {

	static final StreamName STREAM = StreamName.of("/tally");

	static final EventTypes TYPES = EventTypes.of(Mark.class);

	private final List<String> marks = new CopyOnWriteArrayList<>();

	private final boolean resettable;

	private volatile Consumer<String> beforeApplying = (mark) -> {
	};

	Tally() {
		super(STREAM);
		this.resettable = true;
	}

	Tally(SnapshotPerspective perspective) {
		super(STREAM, perspective);
		this.resettable = true;
	}

	private Tally(boolean resettable) {
		super(STREAM);
		this.resettable = resettable;
	}

	static Tally thatCannotBeReset() {
		return new Tally(false);
	}

	/** Runs {@code hook} with each mark before it is applied; it may throw or wait. */
	Tally beforeApplying(Consumer<String> hook) {
		this.beforeApplying = hook;
		return this;
	}

	List<String> marks() {
		return List.copyOf(this.marks);
	}

	@Override
	public EventTypes eventTypes() {
		return TYPES;
	}

	@Override
	protected void apply(Event event) {
		if (event.payload() instanceof Mark mark) {
			this.beforeApplying.accept(mark.name());
			this.marks.add(mark.name());
		}
	}

	@Override
	protected void clearState() {
		if (!this.resettable) {
			throw new IllegalStateException("This tally cannot be reset");
		}
		this.marks.clear();
	}

	@Override
	protected byte[] snapshotState() {
		return String.join(",", this.marks).getBytes(StandardCharsets.UTF_8);
	}

	@Override
	protected void restoreState(byte[] data) {
		String text = new String(data, StandardCharsets.UTF_8);
		this.marks.clear();
		if (!text.isEmpty()) {
			this.marks.addAll(Arrays.asList(text.split(",")));
		}
	}

	@EventType("tally.Mark")
	record Mark(String name) {
	}

}
