package io.eventhorizon.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The items of a session's events table as DynamoDB holds them, by key ({@code /bank@3}),
 * to compare two tables item by item, attribute by attribute.
 */
final class RawItems {

	private RawItems() {
	}

	static Map<String, Map<String, AttributeValue>> of(CliSession session) {
		return of(session, StreamName.root());
	}

	static Map<String, Map<String, AttributeValue>> of(CliSession session, StreamName tree) {
		Map<String, Map<String, AttributeValue>> items = new TreeMap<>();
		try (Stream<Map<String, AttributeValue>> scan = new EventItems(session.client(), session.eventsTable())
			.scan(tree)) {
			scan.forEach((item) -> items.put(ItemJsonLine.key(item), item));
		}
		return items;
	}

}
