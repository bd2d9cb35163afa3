package io.eventhorizon.spring.test.app;

import io.eventhorizon.event.EventType;

/**
 * Someone was greeted.
 *
 * @param name who
 */
@EventType("test.Greeted")
public record Greeted(String name) {
}
