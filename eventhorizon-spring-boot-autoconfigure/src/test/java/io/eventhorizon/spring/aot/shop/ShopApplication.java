package io.eventhorizon.spring.aot.shop;

import io.eventhorizon.spring.autoconfigure.EventHorizonAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;

/**
 * A small application processed ahead of time: its package is the application's package,
 * scanned for event types, aggregates and processors.
 */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
@ComponentScan
@ImportAutoConfiguration(EventHorizonAutoConfiguration.class)
public class ShopApplication {

}
