package io.eventhorizon.dynamodb;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The names of the events table and the snapshots table.
 *
 * Immutable and thread-safe.
 *
 * @param events the events table
 * @param snapshots the snapshots table
 * @since 0.1.0
 */
public record DynamoDbTableNames(String events, String snapshots) {

	/** The default events table name. */
	public static final String DEFAULT_EVENTS = "eventhorizon_events";

	/** The default snapshots table name. */
	public static final String DEFAULT_SNAPSHOTS = "eventhorizon_snapshots";

	private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{3,255}");

	public DynamoDbTableNames {
		check("events", events);
		check("snapshots", snapshots);
	}

	/**
	 * Returns {@code eventhorizon_events} and {@code eventhorizon_snapshots}.
	 * @return the default names
	 */
	public static DynamoDbTableNames defaults() {
		return new DynamoDbTableNames(DEFAULT_EVENTS, DEFAULT_SNAPSHOTS);
	}

	private static void check(String role, String name) {
		Objects.requireNonNull(name, role + " table name must not be null");
		if (!VALID.matcher(name).matches()) {
			throw new IllegalArgumentException("Invalid " + role + " table name \"" + name
					+ "\": DynamoDB table names have 3 to 255 characters of A-Z, a-z, 0-9, '_', '-' and '.'");
		}
	}

}
