package io.eventhorizon.cli;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.InvalidCursorException;
import io.eventhorizon.core.InvalidStreamNameException;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.DecodedEntry;
import io.eventhorizon.event.Event;
import io.eventhorizon.event.EventLineCodec;
import io.eventhorizon.event.EventTypes;
import io.eventhorizon.event.MalformedEntryException;
import io.eventhorizon.event.MetaEvents;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The consistency check of {@code verify}: takes the raw items of a store or a subtree, in
 * any order, and tells what is damaged. Each item is checked on its own (its data decodes,
 * an {@code @0} is a {@code $stream.Started}, a pending mark is young); what needs all of
 * a stream (versions contiguous from 0, the stream announced in its parent) is judged at the
 * end from small state per stream: runs of versions and the children announced.
 * <p>
 * Not thread-safe: one command feeds it, then asks for the report.
 */
final class StoreCheck {

	/** How long a stream may stay pending before its creation counts as abandoned. */
	static final Duration PENDING_GRACE = Duration.ofMinutes(1);

	private static final EventLineCodec CODEC = new EventLineCodec(
			EventTypes.of(MetaEvents.StreamStarted.class, MetaEvents.ChildStreamCreated.class));

	private final Clock clock;

	private final Map<StreamName, VersionRanges> versions = new TreeMap<>();

	private final Set<StreamName> pending = new HashSet<>();

	// Each child announced to where it was announced.
	private final Map<StreamName, Cursor> announced = new HashMap<>();

	private final Map<Integer, Long> kinds = new TreeMap<>();

	private final List<Damage> damage = new ArrayList<>();

	private final List<CreationInProgress> creationsInProgress = new ArrayList<>();

	private long entries;

	private long encrypted;

	/**
	 * Returns a check with no items yet.
	 * @param clock what the age of a pending mark is judged by
	 */
	StoreCheck(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Checks one item of the events table.
	 * @param item the item as stored
	 */
	void check(Map<String, AttributeValue> item) {
		this.entries++;
		String rawStream = item.get(EventItems.STREAM).s();
		String rawVersion = item.get(EventItems.VERSION).n();
		Cursor cursor;
		try {
			cursor = Cursor.of(StreamName.of(rawStream), Long.parseLong(rawVersion));
		}
		catch (InvalidStreamNameException | InvalidCursorException | NumberFormatException ex) {
			damage(Damage.BAD_KEY, rawStream + "@" + rawVersion, ex.getMessage());
			return;
		}
		if (cursor.isBeginning()) {
			// A cursor may stand before @0; an entry may not.
			damage(Damage.BAD_KEY, cursor.toString(), "version -1 is before any entry");
			return;
		}
		this.versions.computeIfAbsent(cursor.stream(), (stream) -> new VersionRanges()).add(cursor.version());
		DecodedEntry decoded = decode(cursor, item.get(EventItems.DATA));
		if (cursor.version() == 0) {
			checkStarted(cursor, decoded, item);
		}
		if (decoded != null && decoded.kind().equals(LogDataKind.META)) {
			for (Event event : decoded.events()) {
				if (event.payload() instanceof MetaEvents.ChildStreamCreated created) {
					noteAnnounced(cursor, created.stream());
				}
			}
		}
	}

	/**
	 * Judges what needs all the items: gaps, streams their parent does not announce, and
	 * streams announced that have no entries.
	 * The parent of a stream not announced among the items checked (the top of a subtree,
	 * or a parent scanned before an announcement that a creation made while the scan ran)
	 * is read once more, whole, before the stream is called unannounced; so is an announced
	 * child without entries, before it is called missing.
	 * @param streamItems the items of one stream, read with strong consistency
	 * @return the report
	 */
	StoreReport report(Function<StreamName, Stream<Map<String, AttributeValue>>> streamItems) {
		Map<StreamName, List<StreamName>> unannouncedByParent = new TreeMap<>();
		this.versions.forEach((stream, seen) -> {
			for (long[] gap : seen.gaps()) {
				damage(Damage.GAP, stream.at(gap[0]).toString(), describeGap(gap, seen.highest()));
			}
			boolean creating = this.pending.contains(stream);
			if (!stream.isRoot() && !creating && !this.announced.containsKey(stream)) {
				unannouncedByParent.computeIfAbsent(stream.parent().orElseThrow(), (parent) -> new ArrayList<>())
					.add(stream);
			}
		});
		// Before parents outside the tree add their announcements of streams outside it.
		this.announced.forEach((child, announcement) -> {
			// A child created while the scan ran may have been scanned before its @0 was put.
			if (!this.versions.containsKey(child) && !hasItems(streamItems, child)) {
				damage(Damage.MISSING_CHILD, child.toString(), "announced at " + announcement + " but has no entries");
			}
		});
		unannouncedByParent.forEach((parent, children) -> {
			try (Stream<Map<String, AttributeValue>> items = streamItems.apply(parent)) {
				items.forEach((item) -> noteAnnouncements(parent, item));
			}
			for (StreamName child : children) {
				if (!this.announced.containsKey(child)) {
					damage(Damage.UNANNOUNCED, child.toString(),
							"no $stream.ChildStreamCreated for it in " + parent);
				}
			}
		});
		List<Damage> sorted = new ArrayList<>(this.damage);
		sorted.sort(Comparator.comparing(StoreCheck::streamOf).thenComparingLong(StoreCheck::versionOf));
		return new StoreReport(this.versions.size(), this.entries, this.kinds, this.encrypted, sorted,
				this.creationsInProgress);
	}

	private static boolean hasItems(Function<StreamName, Stream<Map<String, AttributeValue>>> streamItems,
			StreamName stream) {
		try (Stream<Map<String, AttributeValue>> items = streamItems.apply(stream)) {
			return items.findAny().isPresent();
		}
	}

	// Returns the entry's events, or null when it has none to check (encrypted) or is damaged.
	private @Nullable DecodedEntry decode(Cursor cursor, @Nullable AttributeValue data) {
		if (data == null || data.b() == null) {
			damage(Damage.NO_DATA, cursor.toString(), "no binary attribute '" + EventItems.DATA + "'");
			return null;
		}
		byte[] stored = data.b().asByteArrayUnsafe();
		if (stored.length == 0) {
			damage(Damage.NO_DATA, cursor.toString(), "attribute '" + EventItems.DATA + "' is empty");
			return null;
		}
		int kind = stored[0] & 0xFF;
		this.kinds.merge(kind, 1L, Long::sum);
		if (kind == 0) {
			damage(Damage.KIND_0, cursor.toString(), "kind byte 0 is not a kind (damaged data)");
			return null;
		}
		if (kind == LogDataKind.ENCRYPTED_DATA.code()) {
			this.encrypted++;
			return null;
		}
		if (!new LogDataKind(kind).isPlaintext()) {
			damage(Damage.UNKNOWN_KIND, cursor.toString(), "kind byte " + kind + " is no kind this library writes");
			return null;
		}
		if (stored.length < 2) {
			damage(Damage.NO_DATA, cursor.toString(), "kind byte " + kind + " and no payload");
			return null;
		}
		try {
			return CODEC.decode(new LogEntry(cursor, LogData.fromStored(stored)));
		}
		catch (MalformedEntryException ex) {
			damage(Damage.UNDECODABLE, cursor.toString(), ex.getMessage());
			return null;
		}
	}

	private void checkStarted(Cursor cursor, @Nullable DecodedEntry decoded, Map<String, AttributeValue> item) {
		boolean started = decoded != null && decoded.kind().equals(LogDataKind.META) && decoded.events().size() == 1
				&& decoded.skippedTypes().isEmpty()
				&& decoded.events().get(0).payload() instanceof MetaEvents.StreamStarted;
		if (decoded != null && !started) {
			damage(Damage.NOT_STARTED, cursor.toString(), "@0 is not one $stream.Started meta event (kind "
					+ decoded.kind().code() + ", types " + types(decoded) + ")");
		}
		if (item.containsKey(EventItems.PENDING_AFTER)) {
			checkPending(cursor, started ? decoded.events().get(0).meta().time() : null, item);
		}
	}

	// The mark is put with @0 and both carry the creator's clock then: the feed time (ms) when
	// the change feed is on, and always the $stream.Started time. Finishing the creation
	// removes the mark, so no later time is ever written beside it.
	private void checkPending(Cursor cursor, @Nullable Instant startedTime, Map<String, AttributeValue> item) {
		this.pending.add(cursor.stream());
		AttributeValue feedTime = item.get(EventItems.FEED_TIME);
		Instant markedAt = (feedTime != null && feedTime.n() != null)
				? Instant.ofEpochMilli(Long.parseLong(feedTime.n())) : startedTime;
		if (markedAt == null) {
			damage(Damage.STALE_PENDING, cursor.toString(), "pending, since a time nobody can tell");
			return;
		}
		Duration age = Duration.between(markedAt, this.clock.instant());
		if (age.compareTo(PENDING_GRACE) > 0) {
			damage(Damage.STALE_PENDING, cursor.toString(), "pending since " + markedAt + " (" + age.toSeconds()
					+ " s ago): a creation that never finished; creating the stream again finishes it");
		}
		else {
			this.creationsInProgress.add(new CreationInProgress(cursor.toString(), age));
		}
	}

	private void noteAnnouncements(StreamName parent, Map<String, AttributeValue> item) {
		// Damage in the parent is reported where the parent is checked; here it announces nothing.
		List<String> children = Announcements.inItem(parent, item);
		if (!children.isEmpty()) {
			Cursor announcement = parent.at(Long.parseLong(item.get(EventItems.VERSION).n()));
			children.forEach((child) -> noteAnnounced(announcement, child));
		}
	}

	// Only an announcement in the child's own parent counts.
	private void noteAnnounced(Cursor announcement, String announced) {
		try {
			StreamName child = StreamName.of(announced);
			if (child.parent().filter(announcement.stream()::equals).isPresent()) {
				this.announced.putIfAbsent(child, announcement);
			}
		}
		catch (InvalidStreamNameException ex) {
			// Announces no stream that can exist.
		}
	}

	private void damage(String kind, String at, String detail) {
		this.damage.add(new Damage(kind, at, detail));
	}

	private static String describeGap(long[] gap, long highest) {
		String missing = (gap[0] == gap[1]) ? "@" + gap[0] : "@" + gap[0] + " to @" + gap[1];
		String before = (gap[0] == 0) ? "no @0" : "after @" + (gap[0] - 1);
		return missing + " missing (" + before + ", before @" + (gap[1] + 1) + "; head @" + highest + ")";
	}

	private static String streamOf(Damage damage) {
		int at = damage.at().lastIndexOf('@');
		return (at < 0) ? damage.at() : damage.at().substring(0, at);
	}

	// A damaged stream as a whole comes before its entries.
	private static long versionOf(Damage damage) {
		int at = damage.at().lastIndexOf('@');
		try {
			return (at < 0) ? -1 : Long.parseLong(damage.at().substring(at + 1));
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static List<String> types(DecodedEntry decoded) {
		List<String> types = new ArrayList<>(decoded.skippedTypes());
		decoded.events().forEach((event) -> types.add(CODEC.types().nameOf(event.payload().getClass())));
		return types;
	}

}
