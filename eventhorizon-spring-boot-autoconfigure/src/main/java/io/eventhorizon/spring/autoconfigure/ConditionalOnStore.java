package io.eventhorizon.spring.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.eventhorizon.spring.autoconfigure.EventHorizonProperties.Store;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when {@code eventhorizon.store} binds to the given store; the in-memory store when
 * the property is absent. A value that does not bind fails the startup rather than
 * silently choosing a store.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Conditional(OnStoreCondition.class)
@interface ConditionalOnStore {

	Store value();

}
