package io.eventhorizon.spring.autoconfigure;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * On the in-memory store, creates Spring Cloud AWS's DynamoDB beans (client, enhanced
 * client, template) only when the application uses one: EventHorizon does not need them,
 * and Spring Cloud AWS's client looks up an AWS region as it is created. An application
 * that injects its {@code DynamoDbTemplate} gets it, configured as Spring Cloud AWS
 * documents; one that does not starts with no AWS region or credentials.
 */
final class SpringCloudAwsDynamoDbBeansOnDemand implements BeanFactoryPostProcessor {

	private static final String SPRING_CLOUD_AWS_DYNAMODB_PACKAGE = "io.awspring.cloud.autoconfigure.dynamodb.";

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			String factoryBean = definition.getFactoryBeanName();
			if (factoryBean != null && factoryBean.startsWith(SPRING_CLOUD_AWS_DYNAMODB_PACKAGE)) {
				definition.setLazyInit(true);
			}
		}
	}

}
