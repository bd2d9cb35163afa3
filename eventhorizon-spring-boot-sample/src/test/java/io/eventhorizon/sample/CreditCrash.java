package io.eventhorizon.sample;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import io.awspring.cloud.autoconfigure.dynamodb.DynamoDbClientCustomizer;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Crashes the transfer process between its writes, on every instance it is added to: the
 * first put of a credit and the first put of an outcome fail before they reach the table,
 * as if the instance had died there. Counts shared by all instances of one test.
 */
@Configuration(proxyBeanMethods = false)
class CreditCrash {

	static final AtomicInteger creditsToFail = new AtomicInteger();

	static final AtomicInteger outcomesToFail = new AtomicInteger();

	static void arm() {
		creditsToFail.set(1);
		outcomesToFail.set(1);
	}

	@Bean
	DynamoDbClientCustomizer creditCrashInterceptor() {
		return (builder) -> builder
			.overrideConfiguration(builder.overrideConfiguration().toBuilder().addExecutionInterceptor(new Interceptor()).build());
	}

	static final class Interceptor implements ExecutionInterceptor {

		@Override
		public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
			if (context.request() instanceof PutItemRequest put) {
				String data = dataOf(put);
				if (data.contains("account.TransferCredited") && creditsToFail.getAndDecrement() > 0) {
					throw new IllegalStateException("Injected crash before the credit's put");
				}
				if (data.contains("transfer.Completed") && outcomesToFail.getAndDecrement() > 0) {
					throw new IllegalStateException("Injected crash after the credit, before the outcome's put");
				}
			}
		}

		private static String dataOf(PutItemRequest put) {
			AttributeValue data = put.item().get("d");
			return (data != null && data.b() != null) ? data.b().asString(StandardCharsets.ISO_8859_1) : "";
		}

	}

}
