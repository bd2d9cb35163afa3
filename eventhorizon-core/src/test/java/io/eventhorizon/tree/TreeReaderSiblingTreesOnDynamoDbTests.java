package io.eventhorizon.tree;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

import io.eventhorizon.core.ChangeFeed;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.dynamodb.DynamoDbEventLog;
import io.eventhorizon.testing.DynamoDbTestServer;
import io.eventhorizon.testing.FreshEventLogs;
import io.eventhorizon.testing.SettableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A tree reader on DynamoDB (dynalite, through the AWS SDK): what its polls cost when
 * another tree below the same top-level stream is busy.
 */
class TreeReaderSiblingTreesOnDynamoDbTests {

	private static final StreamName ROOMS = ChatTree.CHAT.child("rooms");

	private static final StreamName BOTS = ChatTree.CHAT.child("bots");

	private final SettableClock clock = new SettableClock(Instant.parse("2026-01-05T09:00:00Z"));

	private final AtomicInteger feedQueries = new AtomicInteger();

	private final DynamoDbClient client = DynamoDbTestServer.get().newClient(new ExecutionInterceptor() {

		@Override
		public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
			if (context.request() instanceof QueryRequest query && query.indexName() != null) {
				TreeReaderSiblingTreesOnDynamoDbTests.this.feedQueries.incrementAndGet();
			}
		}

	});

	private DynamoDbEventLog log;

	private Chat chat;

	@BeforeEach
	void openTheChat() {
		String table = FreshEventLogs.on(this.client, "tree").tableName();
		this.log = DynamoDbEventLog.builder(this.client).tableName(table).clock(this.clock).pageSize(10)
			.feedPageSize(10)
			.build();
		this.chat = new Chat(this.log);
		this.log.bootstrap();
		this.log.createStream(ChatTree.CHAT);
		this.log.createStream(ROOMS);
		this.log.createStream(BOTS);
	}

	@AfterEach
	void closeClient() {
		this.client.close();
	}

	@Test
	void anIdlePollCostsSixteenFeedQueriesHoweverMuchAnotherTreeOfTheSameTopLevelWroteSinceTheTreeLastMoved() {
		StreamName room = this.chat.open(ROOMS.child("general"));
		StreamName bot = this.chat.open(inThePartitionOf(room));
		ChatTree model = new ChatTree();
		TreeReader reader = TreeReader.builder(model, this.log, ROOMS).clock(this.clock).build();
		this.chat.say(room, 1);
		reader.loadUntilRealtime();
		for (int round = 0; round < 6; round++) {
			this.clock.advance(Duration.ofMinutes(10));
			this.chat.sayUpTo(bot, 5);
			reader.loadUntilRealtime();
		}
		int before = this.feedQueries.get();

		this.clock.advance(Duration.ofSeconds(1));
		int applied = reader.loadUntilRealtime();

		assertThat(applied).isZero();
		assertThat(this.feedQueries.get() - before).as("feed Queries of an idle poll").isEqualTo(ChangeFeed.PARTITIONS);
		assertThat(model.numbersByRoom()).containsOnlyKeys(room.toString());
	}

	// A bot whose feed records share the room's partition, so that they fill its pages.
	private static StreamName inThePartitionOf(StreamName room) {
		for (int index = 0;; index++) {
			StreamName bot = BOTS.child("bot-" + index);
			if (ChangeFeed.partitionOf(bot) == ChangeFeed.partitionOf(room)) {
				return bot;
			}
		}
	}

}
