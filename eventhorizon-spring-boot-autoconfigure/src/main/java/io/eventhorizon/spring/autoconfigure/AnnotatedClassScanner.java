package io.eventhorizon.spring.autoconfigure;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

/**
 * Finds the classes annotated with an annotation in packages, records and nested classes
 * included.
 */
final class AnnotatedClassScanner {

	private AnnotatedClassScanner() {
	}

	/**
	 * Returns the names of the annotated classes, without loading them.
	 * @param packages the packages to scan, subpackages included
	 * @param annotation the annotation
	 * @return the fully qualified class names, in the order found
	 */
	static List<String> scan(Collection<String> packages, Class<? extends Annotation> annotation) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent() && !definition.getMetadata().isAnnotation();
			}
		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(annotation));
		List<String> classNames = new ArrayList<>();
		for (String basePackage : packages) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				String className = candidate.getBeanClassName();
				if (className != null && !classNames.contains(className)) {
					classNames.add(className);
				}
			}
		}
		return classNames;
	}

}
