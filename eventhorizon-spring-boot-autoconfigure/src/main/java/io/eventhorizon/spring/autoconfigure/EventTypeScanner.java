package io.eventhorizon.spring.autoconfigure;

import java.util.Collection;

import io.eventhorizon.event.EventType;
import io.eventhorizon.event.EventTypes;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds the classes annotated with {@link EventType} in packages, records and nested
 * classes included.
 */
final class EventTypeScanner {

	private EventTypeScanner() {
	}

	static EventTypes scan(Collection<String> packages, ClassLoader classLoader) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent() && !definition.getMetadata().isAnnotation();
			}
		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(EventType.class));
		EventTypes.Builder types = EventTypes.builder();
		for (String basePackage : packages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				types.register(ClassUtils.resolveClassName(candidate.getBeanClassName(), classLoader));
			}
		}
		return types.build();
	}

}
