package io.eventhorizon.testing;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.eventhorizon.core.StreamName;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.ScanRequest;

/**
 * Keeps the DynamoDB requests a client sends, so that a test can tell what a call cost:
 * how many {@code Query}s of an index, how many reads of a table itself, how many reads of
 * one stream. Add it to the client whose requests are counted.
 * <p>
 * Thread-safe.
 */
public final class RequestLog implements ExecutionInterceptor {

	private final Queue<SdkRequest> sent = new ConcurrentLinkedQueue<>();

	@Override
	public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
		this.sent.add(context.request());
	}

	/**
	 * Forgets the requests sent so far.
	 */
	public void clear() {
		this.sent.clear();
	}

	/**
	 * Returns how many {@code Query}s of a table's indexes were sent.
	 * @param table the table
	 * @return the number of index queries
	 */
	public long indexQueries(String table) {
		return this.sent.stream()
			.filter((request) -> request instanceof QueryRequest query && table.equals(query.tableName())
					&& query.indexName() != null)
			.count();
	}

	/**
	 * Returns how many reads of a table's own items were sent: {@code Query}s without an
	 * index, {@code GetItem}s, {@code BatchGetItem}s and {@code Scan}s.
	 * @param table the table
	 * @return the number of reads
	 */
	public long tableReads(String table) {
		return this.sent.stream().filter((request) -> readsTable(request, table)).count();
	}

	/**
	 * Returns how many {@code Query}s of a table's own items named a stream (a read of the
	 * stream or of its head).
	 * @param table the table
	 * @param stream the stream
	 * @return the number of queries of the stream
	 */
	public long streamQueries(String table, StreamName stream) {
		AttributeValue name = AttributeValue.fromS(stream.toString());
		return this.sent.stream()
			.filter((request) -> request instanceof QueryRequest query && table.equals(query.tableName())
					&& query.indexName() == null && query.expressionAttributeValues().containsValue(name))
			.count();
	}

	private static boolean readsTable(SdkRequest request, String table) {
		if (request instanceof QueryRequest query) {
			return table.equals(query.tableName()) && query.indexName() == null;
		}
		if (request instanceof GetItemRequest get) {
			return table.equals(get.tableName());
		}
		if (request instanceof ScanRequest scan) {
			return table.equals(scan.tableName());
		}
		return request instanceof BatchGetItemRequest batch && batch.requestItems().containsKey(table);
	}

}
