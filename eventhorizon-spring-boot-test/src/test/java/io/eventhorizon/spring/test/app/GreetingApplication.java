package io.eventhorizon.spring.test.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * An application as a user of the starter writes it: one read model, nothing else.
 */
@SpringBootApplication
public class GreetingApplication {

}
