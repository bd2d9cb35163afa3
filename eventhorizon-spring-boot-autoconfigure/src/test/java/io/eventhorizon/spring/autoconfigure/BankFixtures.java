package io.eventhorizon.spring.autoconfigure;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.Cursor;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.event.EventType;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventHorizonTemplate;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.IdempotencyKey;
import io.eventhorizon.spring.ResettableState;
import io.eventhorizon.spring.TransactionalAppend;
import org.jspecify.annotations.Nullable;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A small bank for the auto-configuration tests: events, a read model and a service.
 */
final class BankFixtures {

	private BankFixtures() {
	}

	@EventType("account.Deposited")
	record Deposited(String id, long amount) {
	}

	@EventType("account.Withdrawn")
	record Withdrawn(String id, long amount) {
	}

	/** What a keyed deposit answers: a receipt number of its own, and the new balance. */
	record Receipt(String number, long balance) {
	}

	/** Balances per account, kept in memory. */
	@EventProcessor(stream = "${bank.stream:/bank}")
	static class Accounts implements ResettableState {

		private final Map<String, Long> balances = new ConcurrentHashMap<>();

		volatile Cursor lastEntry;

		volatile String lastUser;

		@EventHandler
		void on(Deposited deposited, EventMeta meta, Cursor entry) {
			this.balances.merge(deposited.id(), deposited.amount(), Long::sum);
			this.lastEntry = entry;
			this.lastUser = meta.userId().orElse("system");
		}

		@EventHandler
		void on(Withdrawn withdrawn) {
			this.balances.merge(withdrawn.id(), -withdrawn.amount(), Long::sum);
		}

		long balance(String id) {
			return this.balances.getOrDefault(id, 0L);
		}

		@Override
		public void resetState() {
			this.balances.clear();
		}

	}

	/** The bank's beans: the read model and the service. */
	@Configuration(proxyBeanMethods = false)
	static class BankConfiguration {

		@Bean
		Accounts accounts() {
			return new Accounts();
		}

		@Bean
		Bank bank(Accounts accounts, EventHorizonTemplate events) {
			return new Bank(accounts, events);
		}

	}

	/** Validates against {@link Accounts} and appends. */
	static class Bank {

		private final Accounts accounts;

		private final EventHorizonTemplate events;

		private final AtomicInteger attempts = new AtomicInteger();

		Bank(Accounts accounts, EventHorizonTemplate events) {
			this.accounts = accounts;
			this.events = events;
		}

		public int attempts() {
			return this.attempts.get();
		}

		@TransactionalAppend(processors = "accounts")
		public long deposit(String id, long amount) {
			this.attempts.incrementAndGet();
			this.events.append("/bank", new Deposited(id, amount));
			return this.accounts.balance(id);
		}

		@TransactionalAppend(processors = "accounts")
		public long withdraw(String id, long amount) {
			this.attempts.incrementAndGet();
			if (this.accounts.balance(id) < amount) {
				throw new IllegalStateException("insufficient funds in " + id);
			}
			this.events.append("/bank", new Withdrawn(id, amount));
			return this.accounts.balance(id);
		}

		@TransactionalAppend(processors = "accounts", maxAttempts = 3, initialBackoff = "1ms")
		public void depositTwiceAroundARival(String id, long amount, Runnable rival) {
			this.events.append("/bank", new Deposited(id, amount));
			if (this.attempts.incrementAndGet() == 1) {
				rival.run();
			}
			this.events.append("/bank", new Deposited(id, amount));
		}

		@TransactionalAppend(processors = "accounts", initialBackoff = "1ms")
		public Receipt depositOnce(String id, long amount, @IdempotencyKey @Nullable String key, Runnable beforeAppend) {
			if (this.attempts.incrementAndGet() == 1) {
				beforeAppend.run();
			}
			this.events.append("/bank", new Deposited(id, amount));
			return new Receipt(UUID.randomUUID().toString(), this.accounts.balance(id) + amount);
		}

		@TransactionalAppend(processors = "accounts", maxAttempts = 2, initialBackoff = "1ms")
		public void depositAfterARival(String id, Runnable rival) {
			this.attempts.incrementAndGet();
			rival.run();
			this.events.append("/bank", new Deposited(id, 1));
		}

	}

}
