package io.eventhorizon.spring.autoconfigure;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragments;
import org.springframework.beans.factory.aot.BeanRegistrationCodeFragmentsDecorator;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.javapoet.ClassName;

/**
 * Writes the code of the {@code Aggregates<T>} beans that {@link AggregatesRegistrar}
 * defines into the package of their aggregate class: the code names the class, which
 * applications often keep package-private.
 */
class AggregatesBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> aggregateClass = AggregatesRegistrar.aggregateClassOf(registeredBean.getMergedBeanDefinition());
		if (aggregateClass == null) {
			return null;
		}
		return BeanRegistrationAotContribution.withCustomCodeFragments(
				(fragments) -> new BeanRegistrationCodeFragmentsDecorator(fragments) {

					@Override
					public ClassName getTarget(RegisteredBean bean) {
						return ClassName.get(aggregateClass);
					}

				});
	}

}
