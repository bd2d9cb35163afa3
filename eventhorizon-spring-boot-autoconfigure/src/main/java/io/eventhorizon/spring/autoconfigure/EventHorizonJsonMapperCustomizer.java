package io.eventhorizon.spring.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

/**
 * Callback interface that can be implemented by beans wishing to customize the JSON mapper
 * of the auto-configured {@link io.eventhorizon.event.EventLineCodec}, which writes the
 * payloads that the template appends and reads them for every processor. The codec has
 * its own mapper, so that the {@code spring.jackson.*} properties and the application's
 * {@code JsonMapperBuilderCustomizer}s (made for HTTP) never change what is stored. A
 * customizer that changes how payloads are written (a naming strategy, a module) changes the
 * stored format for writers and readers alike: entries already stored must stay readable.
 * <p>
 * Customizers are applied in their {@link org.springframework.core.annotation.Order order};
 * the line format's fixed settings (unknown properties ignored, declaration order kept, no
 * indentation, trailing content rejected) are applied after them.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface EventHorizonJsonMapperCustomizer {

	/**
	 * Customizes the builder of the codec's JSON mapper.
	 * @param builder the builder to customize
	 */
	void customize(JsonMapper.Builder builder);

}
