package io.eventhorizon.spring.aot;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.eventhorizon.aggregate.Aggregates;
import io.eventhorizon.core.Cursor;
import io.eventhorizon.core.StreamName;
import io.eventhorizon.event.EventMeta;
import io.eventhorizon.spring.EventHandler;
import io.eventhorizon.spring.EventProcessor;
import io.eventhorizon.spring.SnapshotState;
import io.eventhorizon.spring.TransactionalAppend;
import io.eventhorizon.spring.autoconfigure.ScannedEventTypes;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.generate.GenerationContext;
import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.ConstructorArgumentValues.ValueHolder;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Contributes the runtime hints of what the starter reaches by reflection in the
 * application's own classes, found in the bean definitions at build time:
 * <ul>
 * <li>the {@code @EventType} classes it scanned ({@link ScannedEventTypes}), which the
 * event codec binds as JSON;</li>
 * <li>the {@link EventHandler} methods of {@link EventProcessor} beans and of
 * {@code @Aggregate} classes, which it invokes, and the payloads they take;</li>
 * <li>the {@code @Aggregate} classes themselves, made with their no-argument constructor
 * and snapshotted as JSON of their fields;</li>
 * <li>the state of {@link SnapshotState} processors: the classes of the application's
 * packages that their fields hold, which such a processor usually serializes;</li>
 * <li>the results of {@link TransactionalAppend} methods, stored as JSON with their
 * idempotency keys.</li>
 * </ul>
 *
 * @since 0.1.0
 */
class EventHorizonBeanFactoryInitializationAotProcessor implements BeanFactoryInitializationAotProcessor {

	private static final Set<Class<?>> GIVEN_TO_HANDLERS = Set.of(EventMeta.class, Cursor.class, StreamName.class);

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		Found found = new Found();
		for (String beanName : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getMergedBeanDefinition(beanName);
			if (definition.getResolvableType().toClass() == ScannedEventTypes.class) {
				found.boundAsJson.addAll(scannedEventTypes(definition, beanFactory.getBeanClassLoader()));
				continue;
			}
			ResolvableType type = definition.getResolvableType();
			if (type.toClass() == Aggregates.class && type.getGeneric(0).resolve() != null) {
				found.aggregates.add(type.getGeneric(0).toClass());
				continue;
			}
			Class<?> beanType = beanFactory.getType(beanName, false);
			if (beanType != null) {
				found.beanType(ClassUtils.getUserClass(beanType));
			}
		}
		if (found.isEmpty()) {
			return null;
		}
		List<String> applicationPackages = AutoConfigurationPackages.has(beanFactory)
				? AutoConfigurationPackages.get(beanFactory) : List.of();
		return (generationContext, code) -> found.registerHints(generationContext, applicationPackages);
	}

	private static List<Class<?>> scannedEventTypes(BeanDefinition definition, @Nullable ClassLoader classLoader) {
		ValueHolder classNames = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
		if (classNames == null || !(classNames.getValue() instanceof List<?> names)) {
			return List.of();
		}
		return new ScannedEventTypes(names.stream().map(String::valueOf).toList()).classes(classLoader);
	}

	/**
	 * What the bean definitions show, collected before the hints are written.
	 */
	private static final class Found {

		private final Set<Class<?>> boundAsJson = new LinkedHashSet<>();

		private final Set<Class<?>> processors = new LinkedHashSet<>();

		private final Set<Class<?>> aggregates = new LinkedHashSet<>();

		private final List<Method> transactionalAppends = new ArrayList<>();

		void beanType(Class<?> beanType) {
			if (AnnotatedElementUtils.hasAnnotation(beanType, EventProcessor.class)) {
				this.processors.add(beanType);
			}
			ReflectionUtils.doWithMethods(beanType, this.transactionalAppends::add,
					(method) -> AnnotatedElementUtils.hasAnnotation(method, TransactionalAppend.class));
		}

		boolean isEmpty() {
			return this.boundAsJson.isEmpty() && this.processors.isEmpty() && this.aggregates.isEmpty()
					&& this.transactionalAppends.isEmpty();
		}

		void registerHints(GenerationContext generationContext, List<String> applicationPackages) {
			ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
			Set<Type> boundAsJson = new LinkedHashSet<>(this.boundAsJson);
			for (Class<?> processor : this.processors) {
				registerHandlers(processor, reflection, boundAsJson);
				if (SnapshotState.class.isAssignableFrom(processor)) {
					boundAsJson.addAll(applicationClassesIn(fieldTypes(processor), applicationPackages));
				}
			}
			for (Class<?> aggregate : this.aggregates) {
				registerHandlers(aggregate, reflection, boundAsJson);
				// Made with its no-argument constructor, snapshotted as JSON of its fields.
				reflection.registerType(aggregate, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS,
						MemberCategory.ACCESS_DECLARED_FIELDS);
				boundAsJson.addAll(fieldTypes(aggregate));
			}
			for (Method method : this.transactionalAppends) {
				if (method.getReturnType() != void.class) {
					boundAsJson.add(method.getGenericReturnType());
				}
			}
			new BindingReflectionHintsRegistrar().registerReflectionHints(reflection,
					boundAsJson.toArray(Type[]::new));
		}

		private static void registerHandlers(Class<?> type, ReflectionHints reflection,
				Set<Type> payloads) {
			ReflectionUtils.doWithMethods(type, (method) -> {
				reflection.registerMethod(method, ExecutableMode.INVOKE);
				for (Class<?> parameterType : method.getParameterTypes()) {
					if (!GIVEN_TO_HANDLERS.contains(parameterType)) {
						payloads.add(parameterType);
					}
				}
			}, (method) -> AnnotatedElementUtils.hasAnnotation(method, EventHandler.class) && !method.isBridge());
		}

		private static List<Type> fieldTypes(Class<?> type) {
			List<Type> types = new ArrayList<>();
			ReflectionUtils.doWithFields(type, (field) -> types.add(field.getGenericType()),
					(field) -> !Modifier.isStatic(field.getModifiers()));
			return types;
		}

		// A processor serializes its state its own way: only the application's own classes
		// among its fields' types (and their type arguments) are taken to be that state.
		private static Set<Class<?>> applicationClassesIn(List<Type> types, List<String> packages) {
			Set<Class<?>> found = new LinkedHashSet<>();
			for (Type type : types) {
				collectApplicationClasses(ResolvableType.forType(type), packages, found);
			}
			return found;
		}

		private static void collectApplicationClasses(ResolvableType type, List<String> packages,
				Set<Class<?>> found) {
			Class<?> resolved = type.resolve();
			if (resolved == null) {
				return;
			}
			if (resolved.isArray()) {
				collectApplicationClasses(type.getComponentType(), packages, found);
				return;
			}
			String packageName = resolved.getPackageName();
			if (packages.stream().anyMatch((root) -> packageName.equals(root) || packageName.startsWith(root + "."))) {
				found.add(resolved);
			}
			for (ResolvableType generic : type.getGenerics()) {
				collectApplicationClasses(generic, packages, found);
			}
		}

	}

}
