package io.eventhorizon.spring.autoconfigure;

import java.util.Arrays;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.spring.Aggregate;
import io.eventhorizon.spring.AggregatesFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Defines an {@code Aggregates<T>} bean (named {@code <t>Aggregates}) for each
 * {@link Aggregate} class in the application's packages, made by the
 * {@link AggregatesFactory} bean when first needed. Backs off for a class whose
 * {@code Aggregates<T>} the application defines itself.
 * <p>
 * The definitions name the factory's method rather than holding a callback, so that
 * ahead-of-time processing can write them as code: the classes are then found at build
 * time.
 */
class AggregatesRegistrar implements ImportBeanDefinitionRegistrar {

	private static final String AGGREGATE_CLASS = AggregatesRegistrar.class.getName() + ".aggregateClass";

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (!(registry instanceof ListableBeanFactory beanFactory) || !AutoConfigurationPackages.has(beanFactory)) {
			return;
		}
		for (String className : AnnotatedClassScanner.scan(AutoConfigurationPackages.get(beanFactory),
				Aggregate.class)) {
			register(ClassUtils.resolveClassName(className, beanFactory.getClass().getClassLoader()), registry,
					beanFactory);
		}
	}

	/**
	 * Returns the aggregate class of a definition registered here.
	 * @param definition a bean definition
	 * @return the aggregate class, or {@code null} if the definition is not one of these
	 */
	static @Nullable Class<?> aggregateClassOf(BeanDefinition definition) {
		return (definition.getAttribute(AGGREGATE_CLASS) instanceof Class<?> aggregateClass) ? aggregateClass : null;
	}

	// The auto-configuration's own AggregatesFactory, or the application's, is defined by now.
	private static String aggregatesFactoryName(ListableBeanFactory beanFactory) {
		String[] names = beanFactory.getBeanNamesForType(AggregatesFactory.class, true, false);
		if (names.length != 1) {
			throw new IllegalStateException(
					"Expected one AggregatesFactory bean to make the Aggregates of @Aggregate classes, found "
							+ Arrays.toString(names));
		}
		return names[0];
	}

	private static void register(Class<?> aggregateClass, BeanDefinitionRegistry registry,
			ListableBeanFactory beanFactory) {
		ResolvableType type = ResolvableType.forClassWithGenerics(Aggregates.class, aggregateClass);
		String name = StringUtils.uncapitalize(aggregateClass.getSimpleName()) + "Aggregates";
		if (registry.containsBeanDefinition(name) || beanFactory.getBeanNamesForType(type, true, false).length > 0) {
			return;
		}
		RootBeanDefinition definition = new RootBeanDefinition();
		definition.setFactoryBeanName(aggregatesFactoryName(beanFactory));
		definition.setFactoryMethodName("create");
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, aggregateClass);
		definition.setTargetType(type);
		definition.setAttribute(AGGREGATE_CLASS, aggregateClass);
		registry.registerBeanDefinition(name, definition);
	}

}
