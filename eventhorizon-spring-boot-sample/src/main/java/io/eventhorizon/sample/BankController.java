package io.eventhorizon.sample;

import java.net.URI;
import java.util.List;

import io.eventhorizon.spring.EventProcessorRegistry;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * The bank's HTTP API. Errors are RFC 9457 problem details ({@link BankProblems}). Every
 * POST takes an optional {@code Idempotency-Key} header: a request sent again with the same
 * key is not applied again and gets the first answer. A transfer is answered
 * {@code 202 Accepted} once its source is debited; {@code GET /transfers/<id>} follows it
 * to {@code completed} or {@code refunded}.
 */
@RestController
class BankController {

	static final String IDEMPOTENCY_KEY = "Idempotency-Key";

	private final Bank bank;

	private final AccountDirectory directory;

	private final EventProcessorRegistry processors;

	BankController(Bank bank, AccountDirectory directory, EventProcessorRegistry processors) {
		this.bank = bank;
		this.directory = directory;
		this.processors = processors;
	}

	@PostMapping("/accounts")
	ResponseEntity<Account> open(@RequestBody(required = false) @Nullable JsonNode body,
			@RequestHeader(name = "X-User-Id", required = false) @Nullable String userId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key) {
		Account account = this.bank.open(Requests.text(body, "owner", 100), userId, key);
		return ResponseEntity.created(URI.create("/accounts/" + account.id())).body(account);
	}

	@GetMapping("/accounts")
	List<Account> all() {
		// The directory first catches up with the accounts' streams that the change feed
		// shows moved: on dynalite and the in-memory store every write so far, on DynamoDB
		// (whose indexes are eventually consistent) nearly every one.
		this.processors.treeByName(AccountDirectory.NAME).orElseThrow().reader().loadUntilRealtime();
		return this.directory.all();
	}

	@GetMapping("/accounts/{id}")
	Account one(@PathVariable String id) {
		return this.bank.account(id);
	}

	@PostMapping("/accounts/{id}/deposits")
	Account deposit(@PathVariable String id, @RequestBody(required = false) @Nullable JsonNode body,
			@RequestHeader(name = "X-User-Id", required = false) @Nullable String userId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key) {
		return this.bank.deposit(id, Requests.amount(body), userId, key);
	}

	@PostMapping("/accounts/{id}/withdrawals")
	Account withdraw(@PathVariable String id, @RequestBody(required = false) @Nullable JsonNode body,
			@RequestHeader(name = "X-User-Id", required = false) @Nullable String userId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key) {
		return this.bank.withdraw(id, Requests.amount(body), userId, key);
	}

	@PostMapping("/accounts/{id}/closure")
	Account close(@PathVariable String id,
			@RequestHeader(name = "X-User-Id", required = false) @Nullable String userId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key) {
		return this.bank.close(id, userId, key);
	}

	@PostMapping("/transfers")
	ResponseEntity<Transfer> transfer(@RequestBody(required = false) @Nullable JsonNode body,
			@RequestHeader(name = "X-User-Id", required = false) @Nullable String userId,
			@RequestHeader(name = IDEMPOTENCY_KEY, required = false) @Nullable String key) {
		String from = Requests.text(body, "from", 100);
		String to = Requests.text(body, "to", 100);
		long amount = Requests.amount(body);
		if (from.equals(to)) {
			throw new InvalidRequestException("\"from\" and \"to\" must be different accounts");
		}
		Transfer transfer = this.bank.transfer(from, to, amount, userId, key);
		return ResponseEntity.accepted().location(URI.create("/transfers/" + transfer.id())).body(transfer);
	}

	@GetMapping("/transfers/{id}")
	Transfer transfer(@PathVariable String id) {
		return this.bank.transfer(id);
	}

}
