package io.eventhorizon.spring.autoconfigure;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.spring.Aggregate;
import io.eventhorizon.spring.AggregatesFactory;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Defines an {@code Aggregates<T>} bean (named {@code <t>Aggregates}) for each
 * {@link Aggregate} class in the application's packages, made by the
 * {@link AggregatesFactory} bean when first needed. Backs off for a class whose
 * {@code Aggregates<T>} the application defines itself.
 */
class AggregatesRegistrar implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (!(registry instanceof ListableBeanFactory beanFactory) || !AutoConfigurationPackages.has(beanFactory)) {
			return;
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent() && !definition.getMetadata().isAnnotation();
			}
		};
		scanner.addIncludeFilter(new AnnotationTypeFilter(Aggregate.class));
		for (String basePackage : AutoConfigurationPackages.get(beanFactory)) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
				Class<?> aggregateClass = ClassUtils.resolveClassName(candidate.getBeanClassName(),
						beanFactory.getClass().getClassLoader());
				register(aggregateClass, registry, beanFactory);
			}
		}
	}

	private static void register(Class<?> aggregateClass, BeanDefinitionRegistry registry,
			ListableBeanFactory beanFactory) {
		ResolvableType type = ResolvableType.forClassWithGenerics(Aggregates.class, aggregateClass);
		String name = StringUtils.uncapitalize(aggregateClass.getSimpleName()) + "Aggregates";
		if (registry.containsBeanDefinition(name) || beanFactory.getBeanNamesForType(type, true, false).length > 0) {
			return;
		}
		RootBeanDefinition definition = new RootBeanDefinition(Aggregates.class);
		definition.setTargetType(type);
		definition.setInstanceSupplier(
				() -> ((BeanFactory) beanFactory).getBean(AggregatesFactory.class).create(aggregateClass));
		registry.registerBeanDefinition(name, definition);
	}

}
