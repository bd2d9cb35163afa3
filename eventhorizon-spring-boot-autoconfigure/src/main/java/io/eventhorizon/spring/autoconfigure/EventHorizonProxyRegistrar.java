package io.eventhorizon.spring.autoconfigure;

import org.springframework.aop.config.AopConfigUtils;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Makes sure an auto-proxy creator applies the {@code @TransactionalAppend} advisor, as
 * {@code @EnableTransactionManagement} does for {@code @Transactional}. It leaves the kind
 * of proxy to the application: Spring Boot's {@code AopAutoConfiguration} chooses class
 * proxies unless {@code spring.aop.proxy-target-class=false}.
 */
class EventHorizonProxyRegistrar implements ImportBeanDefinitionRegistrar {

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		AopConfigUtils.registerAutoProxyCreatorIfNecessary(registry);
	}

}
