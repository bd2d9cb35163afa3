package io.eventhorizon.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import io.eventhorizon.event.EventType;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Defines the {@link ScannedEventTypes} bean: the {@link EventType} classes of the
 * application's packages and of {@code eventhorizon.event-packages}. Scanning here, with
 * the bean definitions, rather than in a bean method means that ahead-of-time processing
 * scans at build time and writes the names it found into the generated code.
 */
class EventTypesRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		if (registry.containsBeanDefinition(ScannedEventTypes.BEAN_NAME)) {
			return;
		}
		List<String> packages = new ArrayList<>(Binder.get(this.environment)
			.bind("eventhorizon.event-packages", Bindable.listOf(String.class))
			.orElse(List.of()));
		if (registry instanceof ListableBeanFactory beanFactory && AutoConfigurationPackages.has(beanFactory)) {
			packages.addAll(AutoConfigurationPackages.get(beanFactory));
		}
		RootBeanDefinition definition = new RootBeanDefinition(ScannedEventTypes.class);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, AnnotatedClassScanner.scan(packages, EventType.class));
		registry.registerBeanDefinition(ScannedEventTypes.BEAN_NAME, definition);
	}

}
