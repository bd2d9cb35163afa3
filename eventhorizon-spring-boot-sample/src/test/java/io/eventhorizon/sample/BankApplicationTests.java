package io.eventhorizon.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
class BankApplicationTests {

	@Autowired
	private BankTour tour;

	@Test
	void theTourLeavesTheBankStreamWithTheAccountsHistory() {
		assertThat(this.tour.transcript()).containsExactly("/bank@0 StreamStarted[]",
				"/bank@1 Opened[id=a1, owner=alice]", "/bank@1 Deposited[id=a1, amount=10000]",
				"/bank@2 Withdrawn[id=a1, amount=2500]");
	}

}
