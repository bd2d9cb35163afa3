package io.eventhorizon.spring.test.dynalite;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.test.context.ContextCustomizerFactories;

/**
 * Runs a test class against the {@link Dynalite dynalite} of its JVM, installed and
 * started on first use. On a {@code @SpringBootTest} it points the application at it:
 * Spring Cloud AWS's {@code spring.cloud.aws.dynamodb.endpoint}, region and static
 * credentials, {@code eventhorizon.store=dynamodb} and, unless
 * {@link #createTables() createTables} is {@code false},
 * {@code eventhorizon.dynamodb.create-tables=true}. These take precedence over the
 * application's own configuration files, but not over the test's own properties
 * ({@code @SpringBootTest(properties = ...)}, {@code @TestPropertySource}), so a test can
 * still choose its table names. Test methods and constructors may take a {@link Dynalite}
 * parameter, also without Spring.
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * &#64;DynaliteTest
 * class BankOnDynamoDbTests { ... }
 * </pre>
 * <p>
 * The server and its tables live as long as the JVM, shared by every test class that uses
 * it, like the application contexts that Spring's test framework caches.
 *
 * @since 0.1.0
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DynaliteExtension.class)
@ContextCustomizerFactories(DynaliteContextCustomizerFactory.class)
public @interface DynaliteTest {

	/**
	 * Whether the application creates its missing event tables at startup.
	 * @return whether to set {@code eventhorizon.dynamodb.create-tables=true}
	 */
	boolean createTables() default true;

}
