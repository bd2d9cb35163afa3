package io.eventhorizon.sample;

import io.eventhorizon.core.StreamName;
import io.eventhorizon.process.TreeProcessManager;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * The bank sample. With no configuration it runs on the embedded in-memory store.
 */
@SpringBootApplication
public class BankApplication {

	public static void main(String[] args) {
		SpringApplication.run(BankApplication.class, args);
	}

	/**
	 * Follows every account's stream and hands each debit to the {@link TransferProcess};
	 * the synchronizer keeps it near realtime on every instance.
	 * @param process the process of transfers
	 * @param accounts the parent of the accounts' streams
	 * @return the process manager, named as the process
	 */
	@Bean(TransferProcess.NAME)
	TreeProcessManager transfers(TransferProcess process, @Value("${bank.accounts:/bank/accounts}") String accounts) {
		return TreeProcessManager.builder(TransferProcess.NAME, StreamName.of(accounts), TransferProcess.EVENT_TYPES,
				process::on)
			.build();
	}

}
