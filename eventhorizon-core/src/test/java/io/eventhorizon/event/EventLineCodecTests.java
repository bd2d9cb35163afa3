package io.eventhorizon.event;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.eventhorizon.core.LogData;
import io.eventhorizon.core.LogDataKind;
import io.eventhorizon.core.LogEntry;
import io.eventhorizon.core.StreamName;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class EventLineCodecTests {

	private static final Instant T = Instant.parse("2020-08-20T08:55:00.123Z");

	private final EventLineCodec codec = new EventLineCodec(EventTypes.of(CredentialCreated.class));

	@EventType("credential.Created")
	record CredentialCreated(@JsonProperty("Id") String id) {
	}

	@EventType("credential.Revoked")
	record CredentialRevoked(@JsonProperty("Id") String id) {
	}

	@Test
	void writesTheGoProjectsLineByteForByte() {
		assertThat(this.codec.encodeLine(Event.of(new CredentialCreated("123"), EventMeta.of(T, "u987"))))
			.isEqualTo("{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00.123Z\",\"u\":\"u987\"} {\"Id\":\"123\"}");
	}

	@Test
	void leavesOutTheUserForTheSystemAndAddsTheTimeOfRecordingOnlyWhenBackdated() {
		assertThat(this.codec.encodeLine(Event.of(new CredentialCreated("1"), EventMeta.system(T))))
			.isEqualTo("{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00.123Z\"} {\"Id\":\"1\"}");
		assertThat(this.codec.encodeLine(Event.of(new CredentialCreated("1"),
				EventMeta.backdated(Instant.parse("2020-01-01T00:00:00Z"), T, "u1"))))
			.isEqualTo("{\"_\":\"credential.Created\",\"t\":\"2020-01-01T00:00:00Z\","
					+ "\"tr\":\"2020-08-20T08:55:00.123Z\",\"u\":\"u1\"} {\"Id\":\"1\"}");
		assertThat(this.codec.encodeLine(Event.of(new CredentialCreated("1"), EventMeta.backdated(T, T, null))))
			.doesNotContain("\"tr\"");
	}

	@Test
	void readsTheGoProjectsLine() {
		DecodedLine line = this.codec
			.decodeLine("{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00.123Z\",\"u\":\"u987\"} {\"Id\":\"123\"}");

		assertThat(line.type()).isEqualTo("credential.Created");
		assertThat(line.payload()).isEqualTo(new CredentialCreated("123"));
		assertThat(line.meta()).isEqualTo(EventMeta.of(T, "u987"));
		assertThat(line.meta().userId()).contains("u987");
	}

	@Test
	void everyEventSurvivesTheRoundTrip() {
		List<Event> events = List.of(Event.of(new CredentialCreated("a \"quoted\" {id}\nwith newline"),
				EventMeta.backdated(T.minusSeconds(3600), T, "u \"1\"")),
				Event.of(new CredentialCreated("b"), EventMeta.system(T)));
		LogData data = this.codec.encode(events);

		assertThat(data.kind()).isEqualTo(LogDataKind.DATA);
		assertThat(data.payloadText()).hasLineCount(2);
		assertThat(this.codec.decode(new LogEntry(StreamName.of("/x").at(1), data)).events())
			.containsExactlyElementsOf(events);
	}

	@Test
	void linesAreSplitAndParsedOnTheirBytesWhateverTheTextHolds() {
		String awkward = "Zoë pays 5 € to 日本 {\"} \\ \n";
		List<Event> events = List.of(Event.of(new CredentialCreated(awkward), EventMeta.of(T, "ユーザー")),
				Event.of(new CredentialCreated("}{"), EventMeta.system(T)));
		LogData data = this.codec.encode(events);

		assertThat(data.payloadText()).hasLineCount(2);
		assertThat(this.codec.decode(new LogEntry(StreamName.of("/x").at(1), data)).events())
			.containsExactlyElementsOf(events);
	}

	@Test
	void metadataFieldsOfALaterVersionAreIgnoredWhateverTheirShape() {
		DecodedLine line = this.codec.decodeLine("{\"_\":\"credential.Created\",\"x\":{\"t\":\"no\",\"y\":[{}]},"
				+ "\"t\":\"2020-08-20T08:55:00.123Z\",\"z\":[1,\"}\"],\"u\":\"u1\"} {\"Id\":\"1\"}");

		assertThat(line.meta()).isEqualTo(EventMeta.of(T, "u1"));
		assertThat(line.payload()).isEqualTo(new CredentialCreated("1"));
	}

	@Test
	void unknownPayloadFieldsAreIgnored() {
		assertThat(this.codec
			.decodeLine("{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00Z\",\"x\":1} {\"Id\":\"1\",\"New\":[1]}")
			.payload()).isEqualTo(new CredentialCreated("1"));
	}

	@Test
	void unknownTypesAreReportedAndSkippedNotFailed() {
		EventLineCodec older = new EventLineCodec(EventTypes.builder().build());
		LogData data = new EventLineCodec(EventTypes.of(CredentialCreated.class, CredentialRevoked.class))
			.encode(List.of(Event.of(new CredentialRevoked("1"), EventMeta.system(T))));

		DecodedEntry entry = this.codec.decode(new LogEntry(StreamName.of("/x").at(7), data));
		DecodedEntry olderEntry = older.decode(new LogEntry(StreamName.of("/x").at(7), data));

		assertThat(entry.events()).isEmpty();
		assertThat(entry.skippedTypes()).containsExactly("credential.Revoked");
		assertThat(olderEntry.skippedTypes()).containsExactly("credential.Revoked");
		assertThat(this.codec.decodeLine(data.payloadText()).isKnownType()).isFalse();
	}

	@Test
	void aMetaEntryYieldsItsMetaEventsAndSkipsTheOthersAsTheGoProjectDoes() {
		LogData data = LogData.ofLines(LogDataKind.META,
				List.of("{\"_\":\"$stream.ChildStreamCreated\",\"t\":\"2020-08-20T08:55:00.123Z\"} {\"Stream\":\"/x/y\"}",
						"{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00.123Z\"} {\"Id\":\"123\"}"));

		DecodedEntry entry = this.codec.decode(new LogEntry(StreamName.of("/x").at(4), data));

		assertThat(entry.events()).extracting(Event::payload)
			.containsExactly(new MetaEvents.ChildStreamCreated("/x/y"));
		assertThat(entry.skippedTypes()).containsExactly("credential.Created");
		assertThat(MetaEvents.isMetaType("$subscription.Subscribed")).isTrue();
		assertThat(MetaEvents.isMetaType("credential.Created")).isFalse();
	}

	@Test
	void eachEventKeepsItsLineInTheEntryCountingTheLinesOfUnknownTypes() {
		EventLineCodec renames = new EventLineCodec(EventTypes.of(Renamed.class));
		LogData data = LogData.ofLines(LogDataKind.DATA,
				List.of("{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00.123Z\"} {\"Id\":\"123\"}",
						renames.encodeLine(Event.of(new Renamed("first"), EventMeta.system(T))),
						"{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00.123Z\"} {\"Id\":\"456\"}",
						renames.encodeLine(Event.of(new Renamed("second"), EventMeta.system(T)))));

		DecodedEntry entry = renames.decode(new LogEntry(StreamName.of("/x").at(4), data));

		assertThat(entry.events()).extracting(Event::payload).containsExactly(new Renamed("first"), new Renamed("second"));
		assertThat(entry.lines()).containsExactly(1, 3);
	}

	@Test
	void aCodecForOtherTypesReadsAndWritesWithTheSameMapper() {
		EventLineCodec upperCamel = new EventLineCodec(EventTypes.of(CredentialRevoked.class),
				EventLineCodec.lineFormatMapper(
						JsonMapper.builder().propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)));
		EventLineCodec forAProcessor = upperCamel.withTypes(EventTypes.of(Renamed.class));
		Event renamed = Event.of(new Renamed("new name"), EventMeta.system(T));

		String line = forAProcessor.encodeLine(renamed);

		assertThat(line).endsWith(" {\"NewName\":\"new name\"}");
		assertThat(forAProcessor.decodeLine(line).payload()).isEqualTo(new Renamed("new name"));
		assertThat(forAProcessor.types().names()).contains("credential.Renamed").doesNotContain("credential.Revoked");
	}

	@EventType("credential.Renamed")
	record Renamed(String newName) {
	}

	@Test
	void entriesOfUnknownKindsHaveNoEvents() {
		DecodedEntry encrypted = this.codec.decode(
				new LogEntry(StreamName.of("/x").at(3), LogData.of(LogDataKind.ENCRYPTED_DATA, new byte[] { 9, 9 })));

		assertThat(encrypted.isUnknownKind()).isTrue();
		assertThat(encrypted.events()).isEmpty();
	}

	@Test
	void kindZeroIsDamagedDataNotAnUnknownKind() {
		assertThatExceptionOfType(MalformedEntryException.class)
			.isThrownBy(() -> this.codec
				.decode(new LogEntry(StreamName.of("/bank").at(5), LogData.of(new LogDataKind(0), new byte[] { 1 }))))
			.withMessage("Entry /bank@5 is malformed: kind byte 0 is not a kind (damaged data)");
	}

	@Test
	void aMalformedLineNamesTheEntryAndTheLine() {
		LogData data = LogData.ofLines(LogDataKind.DATA,
				List.of("{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00Z\"} {\"Id\":\"1\"}",
						"{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00Z\"} {\"Id\":"));

		assertThatExceptionOfType(MalformedEntryException.class)
			.isThrownBy(() -> this.codec.decode(new LogEntry(StreamName.of("/bank").at(41), data)))
			.withMessageStartingWith("Entry /bank@41 is malformed at line 2: Payload does not fit")
			.satisfies((ex) -> assertThat(ex.getCursor()).isEqualTo(StreamName.of("/bank").at(41)));
	}

	@Test
	void aDocumentNeverRunsIntoTheNextLine() {
		String created = "{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00Z\"} ";
		LogData unfinished = LogData.of(LogDataKind.DATA,
				(created + "{\"Id\":\n" + created + "{\"Id\":\"2\"}").getBytes(StandardCharsets.UTF_8));
		LogData finishedOnTheNextLine = LogData.of(LogDataKind.DATA,
				(created + "{\"Id\":\"1\",\n\"x\":1}").getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(MalformedEntryException.class)
			.isThrownBy(() -> this.codec.decode(new LogEntry(StreamName.of("/bank").at(1), unfinished)))
			.withMessageStartingWith("Entry /bank@1 is malformed at line 1: Payload does not fit");
		assertThatExceptionOfType(MalformedEntryException.class)
			.isThrownBy(() -> this.codec.decode(new LogEntry(StreamName.of("/bank").at(2), finishedOnTheNextLine)))
			.withMessageStartingWith("Entry /bank@2 is malformed at line 1: Payload does not fit");
	}

	@Test
	void linesOfUnknownTypesAndScalarPayloadsLeaveTheNextLineIntact() {
		EventLineCodec codec = new EventLineCodec(EventTypes.builder().register(CredentialCreated.class)
			.register("counter.Set", Long.class)
			.build());
		String text = "{\"_\":\"credential.Rotated\",\"t\":\"2020-08-20T08:55:00Z\"} {\"Keys\":[{\"Id\":\"k\"}]}\n"
				+ "{\"_\":\"counter.Set\",\"t\":\"2020-08-20T08:55:00Z\"} 42\n"
				+ "{\"_\":\"counter.Set\",\"t\":\"2020-08-20T08:55:00Z\"} 7 \n"
				+ "{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00Z\"} {\"Id\":\"1\"}";

		DecodedEntry entry = codec.decode(
				new LogEntry(StreamName.of("/x").at(1), LogData.of(LogDataKind.DATA, text.getBytes(StandardCharsets.UTF_8))));

		assertThat(entry.skippedTypes()).containsExactly("credential.Rotated");
		assertThat(entry.events()).extracting(Event::payload).containsExactly(42L, 7L, new CredentialCreated("1"));
	}

	@Test
	void anUnknownTypesPayloadMustStillBeJson() {
		LogData data = LogData.of(LogDataKind.DATA,
				"{\"_\":\"credential.Rotated\",\"t\":\"2020-08-20T08:55:00Z\"} {\"Keys\":[}".getBytes(StandardCharsets.UTF_8));

		assertThatExceptionOfType(MalformedEntryException.class)
			.isThrownBy(() -> this.codec.decode(new LogEntry(StreamName.of("/x").at(3), data)))
			.withMessageStartingWith("Entry /x@3 is malformed at line 1: Unreadable payload (type \"credential.Rotated\"");
	}

	@Test
	void linesWithoutMetadataTypeTimeOrPayloadAreMalformed() {
		assertThatExceptionOfType(MalformedEventLineException.class).isThrownBy(() -> this.codec.decodeLine("hello"))
			.withMessageStartingWith("No metadata object");
		assertThatExceptionOfType(MalformedEventLineException.class)
			.isThrownBy(() -> this.codec.decodeLine("{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00Z\"}"))
			.withMessageStartingWith("No space and payload");
		assertThatExceptionOfType(MalformedEventLineException.class)
			.isThrownBy(() -> this.codec.decodeLine("{\"t\":\"2020-08-20T08:55:00Z\"} {}"))
			.withMessageStartingWith("Metadata lacks the type");
		assertThatExceptionOfType(MalformedEventLineException.class)
			.isThrownBy(() -> this.codec.decodeLine("{\"_\":\"credential.Created\",\"t\":\"soon\"} {}"))
			.withMessageStartingWith("Bad time");
		assertThatExceptionOfType(MalformedEventLineException.class)
			.isThrownBy(() -> this.codec.decodeLine("{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00Z\"} {} {}"))
			.withMessageStartingWith("Payload does not fit");
		assertThatExceptionOfType(MalformedEventLineException.class)
			.isThrownBy(() -> this.codec.decodeLine("{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00Z\"}  "))
			.withMessageStartingWith("Payload does not fit");
		assertThatExceptionOfType(MalformedEventLineException.class)
			.isThrownBy(() -> this.codec.decodeLine("{\"_\":\"credential.Created\",\"t\":\"2020-08-20T08:55:00Z\"} {\"Id\":"))
			.withMessageStartingWith("Payload does not fit");
		assertThatExceptionOfType(MalformedEventLineException.class)
			.isThrownBy(() -> this.codec.decodeLine("{\"_\":\"credential.Created\" \"t\":\"2020-08-20T08:55:00Z\"} {}"))
			.withMessageStartingWith("Unreadable metadata");
	}

	@Test
	void aPlaintextPayloadThatDoesNotStartWithABraceIsAnUnknownCompressionHeader() {
		assertThatExceptionOfType(MalformedEntryException.class)
			.isThrownBy(() -> this.codec.decode(
					new LogEntry(StreamName.of("/x").at(1), LogData.of(LogDataKind.DATA, new byte[] { 0x1f, 1 }))))
			.withMessageContaining("unknown compression header");
	}

	@Test
	void writingAClassThatIsNeitherRegisteredNorAnnotatedIsRefused() {
		assertThatExceptionOfType(UnregisteredEventTypeException.class)
			.isThrownBy(() -> this.codec.encode(List.of(Event.of(new Unnamed("1"), EventMeta.system(T)))))
			.withMessageContaining(Unnamed.class.getName())
			.satisfies((ex) -> assertThat(ex.getPayloadClass()).isEqualTo(Unnamed.class));
	}

	@Test
	void anAnnotatedClassIsWrittenUnderItsAnnotationsNameEvenUnregistered() {
		assertThat(this.codec.encodeLine(Event.of(new CredentialRevoked("1"), EventMeta.system(T))))
			.startsWith("{\"_\":\"credential.Revoked\"");
	}

	@Test
	void anAnnotationThatClaimsARegisteredNameIsRefused() {
		assertThatExceptionOfType(IllegalArgumentException.class)
			.isThrownBy(() -> this.codec.encodeLine(Event.of(new Impostor("1"), EventMeta.system(T))))
			.withMessageContaining("is annotated as \"credential.Created\", which is registered for");
	}

	record Unnamed(String id) {
	}

	@EventType("credential.Created")
	record Impostor(String id) {
	}

	@Test
	void aPayloadThatCannotBeSerializedIsRefusedNamingTheType() {
		EventLineCodec codec = new EventLineCodec(EventTypes.builder().register("broken.Event", Broken.class).build());

		assertThatExceptionOfType(EventSerializationException.class)
			.isThrownBy(() -> codec.encodeLine(Event.of(new Broken(), EventMeta.system(T))))
			.withMessageStartingWith("Cannot serialize event of type \"broken.Event\"");
	}

	static final class Broken {

		public String getValue() {
			throw new IllegalStateException("no value");
		}

	}

}
