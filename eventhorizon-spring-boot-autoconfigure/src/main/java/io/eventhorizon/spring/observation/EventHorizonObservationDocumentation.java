package io.eventhorizon.spring.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations EventHorizon makes, with their key names. Low-cardinality keys become
 * tags of the timers Boot derives from observations; high-cardinality keys appear only on
 * spans (traces).
 *
 * @since 0.1.0
 */
public enum EventHorizonObservationDocumentation implements ObservationDocumentation {

	/**
	 * An append through {@code EventHorizonTemplate} outside a command: one conditional
	 * write at the head of a stream.
	 */
	APPEND {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultAppendObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.STREAM_TOP, LowCardinalityKeyNames.OUTCOME };
		}

	},

	/**
	 * One attempt of a command (a {@code @TransactionalAppend} method or a command of an
	 * {@code @Aggregate}): its validation and its commit. A command that loses an
	 * optimistic-locking race makes one observation per attempt.
	 */
	COMMAND_ATTEMPT {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCommandAttemptObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.COMMAND, LowCardinalityKeyNames.PROCESSOR,
					LowCardinalityKeyNames.STREAM_TOP, LowCardinalityKeyNames.OUTCOME };
		}

	},

	/**
	 * A processor's batch: the events of one entry, applied and committed with the entry's
	 * cursor in one call of the processor (one transaction, for a database read model).
	 * Single-stream processors and read models of trees alike.
	 */
	PROCESSOR_BATCH {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultProcessorBatchObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.PROCESSOR, LowCardinalityKeyNames.STREAM_TOP,
					LowCardinalityKeyNames.OUTCOME };
		}

	};

	@Override
	public KeyName[] getHighCardinalityKeyNames() {
		return HighCardinalityKeyNames.values();
	}

	/**
	 * Keys with few values, on metrics and spans.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** The processor's (bean) name; for a command, its processors' names joined by commas. */
		PROCESSOR("eventhorizon.processor"),

		/** The command: {@code Class.method} or the aggregate type's name. */
		COMMAND("eventhorizon.command"),

		/** The stream's top segment, such as {@code bank} for {@code /bank/accounts/42}. */
		STREAM_TOP("eventhorizon.stream.top"),

		/**
		 * {@code success}, {@code conflict} (lost an optimistic-locking race),
		 * {@code unknown} (the write was sent, whether it was written cannot be told) or
		 * {@code error}.
		 */
		OUTCOME("outcome");

		private final String name;

		LowCardinalityKeyNames(String name) {
			this.name = name;
		}

		@Override
		public String asString() {
			return this.name;
		}

	}

	/**
	 * Keys with many values, on spans only.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The stream, such as {@code /bank/accounts/42}. */
		STREAM("eventhorizon.stream"),

		/**
		 * The cursor: of the entry written (append), validated at (command attempt) or
		 * processed (batch; the processor's cursor before it when it failed).
		 */
		CURSOR("eventhorizon.cursor");

		private final String name;

		HighCardinalityKeyNames(String name) {
			this.name = name;
		}

		@Override
		public String asString() {
			return this.name;
		}

	}

}
