package io.eventhorizon.cli;

import io.eventhorizon.core.StreamName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code eventhorizon streams ls} run in-process against dynalite, on a small bank.
 */
class StreamsListCommandTests {

	private final CliSession session = CliSession.withTables("cli_ls");

	@AfterEach
	void closeSession() {
		this.session.close();
	}

	@Test
	void theRootsChildrenAreListedWithTheirHeadsAndEntryCounts() {
		createBank();

		CliRun listed = this.session.run("streams", "ls");

		assertThat(listed.exitCode()).as(listed.toString()).isZero();
		assertThat(listed.out()).isEqualTo("""
				STREAM  HEAD     ENTRIES
				/bank   /bank@2  3
				/shop   /shop@0  1
				""");
	}

	@Test
	void recursiveListingWalksTheTreeDepthFirstIndentedByDepth() {
		createBank();

		CliRun listed = this.session.run("streams", "ls", "--recursive");

		assertThat(listed.exitCode()).as(listed.toString()).isZero();
		assertThat(listed.out()).isEqualTo("""
				STREAM                 HEAD                 ENTRIES
				/bank                  /bank@2              3
				  /bank/accounts       /bank/accounts@1     2
				    /bank/accounts/42  /bank/accounts/42@0  1
				  /bank/branches       /bank/branches@0     1
				/shop                  /shop@0              1
				""");
	}

	@Test
	void aParentGivenListsOnlyWhatIsBelowIt() {
		createBank();

		CliRun listed = this.session.run("streams", "ls", "/bank", "--json");

		assertThat(listed.exitCode()).as(listed.toString()).isZero();
		assertThat(listed.out()).isEqualTo("""
				{"stream":"/bank/accounts","head":"/bank/accounts@1"}
				{"stream":"/bank/branches","head":"/bank/branches@0"}
				""");
	}

	@Test
	void forScriptsEachStreamOfTheTreeIsOneJsonLine() {
		createBank();

		CliRun listed = this.session.run("streams", "ls", "--recursive", "--json");

		assertThat(listed.exitCode()).as(listed.toString()).isZero();
		assertThat(listed.out().lines()).containsExactly("{\"stream\":\"/bank\",\"head\":\"/bank@2\"}",
				"{\"stream\":\"/bank/accounts\",\"head\":\"/bank/accounts@1\"}",
				"{\"stream\":\"/bank/accounts/42\",\"head\":\"/bank/accounts/42@0\"}",
				"{\"stream\":\"/bank/branches\",\"head\":\"/bank/branches@0\"}",
				"{\"stream\":\"/shop\",\"head\":\"/shop@0\"}");
	}

	@Test
	void aParentThatDoesNotExistIsRefusedNamingIt() {
		createBank();

		CliRun listed = this.session.run("streams", "ls", "/nowhere");

		assertThat(listed.exitCode()).isEqualTo(1);
		assertThat(listed.err()).contains("/nowhere").contains("does not exist");
		assertThat(listed.out()).isEmpty();
	}

	@Test
	void aBadParentNameIsRefusedNamingIt() {
		CliRun listed = this.session.run("streams", "ls", "bank");

		assertThat(listed.exitCode()).isEqualTo(1);
		assertThat(listed.err()).contains("Invalid stream name \"bank\"");
	}

	private void createBank() {
		var eventLog = this.session.eventLog();
		eventLog.bootstrap();
		for (String stream : new String[] { "/bank", "/bank/accounts", "/bank/accounts/42", "/bank/branches",
				"/shop" }) {
			eventLog.createStream(StreamName.of(stream));
		}
	}

}
