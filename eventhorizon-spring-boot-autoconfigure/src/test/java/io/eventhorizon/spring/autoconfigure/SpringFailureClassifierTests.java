package io.eventhorizon.spring.autoconfigure;

import java.sql.SQLException;

import io.eventhorizon.client.FailureClassifier;
import io.eventhorizon.spring.SpringFailureClassifier;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughputExceededException;

import org.springframework.dao.CannotAcquireLockException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Spring's and the AWS SDK's passing failures are retried, never skipped as poison.
 */
class SpringFailureClassifierTests {

	private final FailureClassifier classifier = new SpringFailureClassifier();

	@Test
	void springsTransientAndRecoverableDataAccessFailuresPass() {
		assertThat(this.classifier.isTransient(new TransientDataAccessResourceException("Pool exhausted"))).isTrue();
		assertThat(this.classifier.isTransient(new RecoverableDataAccessException("Connection reset"))).isTrue();
		assertThat(this.classifier.isTransient(new PessimisticLockingFailureException("Deadlock"))).isTrue();
		assertThat(this.classifier.isTransient(new CannotAcquireLockException("Lock wait timeout"))).isTrue();
		assertThat(this.classifier.isTransient(new CannotCreateTransactionException("No connection"))).isTrue();
	}

	@Test
	void aFailedCommitPassesWhenItsCauseDoes() {
		assertThat(this.classifier.isTransient(new TransactionSystemException("Commit failed",
				new SQLException("could not serialize access", "40001"))))
			.isTrue();
		assertThat(this.classifier.isTransient(new TransactionSystemException("Commit failed",
				new SQLException("check constraint violated", "23514"))))
			.isFalse();
	}

	@Test
	void theAwsSdksRetryableFailuresPass() {
		assertThat(this.classifier.isTransient(ProvisionedThroughputExceededException.builder()
			.message("Throttled")
			.statusCode(400)
			.awsErrorDetails(AwsErrorDetails.builder().errorCode("ProvisionedThroughputExceededException").build())
			.build())).isTrue();
		assertThat(this.classifier.isTransient(DynamoDbException.builder().message("Internal").statusCode(500).build()))
			.isTrue();
		assertThat(this.classifier.isTransient(DynamoDbException.builder().message("Bad").statusCode(400).build()))
			.isFalse();
		assertThat(this.classifier.isTransient(SdkClientException.create("Unable to marshall"))).isFalse();
	}

	@Test
	void rejectedDataRepeats() {
		assertThat(this.classifier.isTransient(new DataIntegrityViolationException("Duplicate key"))).isFalse();
		assertThat(this.classifier.isTransient(new IllegalArgumentException("Amount must be positive"))).isFalse();
	}

}
