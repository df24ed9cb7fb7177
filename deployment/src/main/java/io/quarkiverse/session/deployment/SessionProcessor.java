package io.quarkiverse.session.deployment;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Singleton;
import jakarta.ws.rs.Priorities;

import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.SessionErrorHandler;
import io.quarkiverse.session.runtime.SessionRecorder;
import io.quarkiverse.session.runtime.config.SessionBuildTimeConfig;
import io.quarkiverse.session.runtime.http.SessionErrorAnswers;
import io.quarkiverse.session.runtime.http.SessionFailureRoute;
import io.quarkiverse.session.runtime.http.SessionRestFilters;
import io.quarkiverse.session.runtime.http.SessionStoreExceptionMapper;
import io.quarkiverse.session.runtime.http.UnreadableSessionValueMapper;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkiverse.session.runtime.lifecycle.SessionProducer;
import io.quarkiverse.session.runtime.lifecycle.SessionsImpl;
import io.quarkiverse.session.runtime.store.StoreSelection;
import io.quarkiverse.session.runtime.values.UnreadableSessionValueException;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.SyntheticBeanBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.processor.BeanInfo;
import io.quarkus.arc.processor.BeanResolver;
import io.quarkus.arc.processor.InjectionPointInfo;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.AdditionalIndexedClassesBuildItem;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.RuntimeInitializedClassBuildItem;
import io.quarkus.resteasy.reactive.spi.ExceptionMapperBuildItem;
import io.quarkus.vertx.core.deployment.CoreVertxBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;

class SessionProcessor {

    private static final String FEATURE = "session";
    private static final DotName SESSION = DotName.createSimple(Session.class);
    private static final DotName SESSION_SCOPED = DotName.createSimple(SessionScoped.class);
    private static final DotName ERROR_HANDLER = DotName.createSimple(SessionErrorHandler.class);
    private static final DotName TYPE_LITERAL = DotName.createSimple("jakarta.enterprise.util.TypeLiteral");

    /**
     * Runs after most application filters (CORS at 300, for example) and before the route's handler.
     */
    static final int FILTER_PRIORITY = 100;

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    @BuildStep
    AdditionalBeanBuildItem registerBeans() {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(SessionLifecycle.class, SessionProducer.class, SessionsImpl.class,
                        SessionErrorAnswers.class)
                .setUnremovable()
                .build();
    }

    /**
     * The Quarkus REST filters and exception mappers, only in applications that contain Quarkus REST: without it, their
     * classes, which name its types, are never loaded.
     */
    @BuildStep
    void registerRestProviders(Capabilities capabilities, BuildProducer<AdditionalIndexedClassesBuildItem> providers) {
        if (capabilities.isPresent(Capability.REST)) {
            providers.produce(new AdditionalIndexedClassesBuildItem(SessionRestFilters.class.getName(),
                    SessionStoreExceptionMapper.class.getName()));
        }
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void recordRestPresence(SessionRecorder recorder, Capabilities capabilities) {
        recorder.setRestPresent(capabilities.isPresent(Capability.REST));
    }

    /**
     * With an application's {@link SessionErrorHandler}, a stored value that does not decode, left uncaught, and a
     * session failure of a plain Vert.x route reach it too; without one, they fail as they always did. Only a bean
     * class implementing the interface is seen here; a producer method answers store failures of REST endpoints and of
     * {@code Sessions.loader()} only.
     */
    @BuildStep
    void registerApplicationErrorHandling(CombinedIndexBuildItem index, Capabilities capabilities,
            BuildProducer<ExceptionMapperBuildItem> mappers, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (index.getIndex().getAllKnownImplementors(ERROR_HANDLER).isEmpty()) {
            return;
        }
        if (capabilities.isPresent(Capability.REST)) {
            mappers.produce(new ExceptionMapperBuildItem(UnreadableSessionValueMapper.class.getName(),
                    UnreadableSessionValueException.class.getName(), Priorities.USER, true));
        }
        beans.produce(AdditionalBeanBuildItem.unremovableOf(SessionFailureRoute.class));
    }

    /**
     * The stores of the application, by name, and the one used when {@code quarkus.session.store} is not set: the
     * store of the one store extension the application contains, else the memory store.
     */
    @BuildStep
    SessionStoresBuildItem collectStores(List<SessionStoreProviderBuildItem> providers) {
        Map<String, Supplier<SessionStore>> stores = new TreeMap<>();
        for (SessionStoreProviderBuildItem provider : providers) {
            if (stores.put(provider.name(), provider.store()) != null) {
                throw new IllegalStateException("Two session stores are named '" + provider.name() + "': each store "
                        + "extension must contribute a name of its own");
            }
        }
        List<String> fromExtensions = stores.keySet().stream().filter(name -> !BuiltInStoresProcessor.NAMES.contains(name))
                .toList();
        String defaultStore = fromExtensions.size() == 1 ? fromExtensions.get(0) : StoreSelection.DEFAULT_STORE;
        return new SessionStoresBuildItem(stores, defaultStore);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionConfigValidatedBuildItem validateConfig(SessionRecorder recorder, SessionStoresBuildItem stores) {
        recorder.validateConfig(Set.copyOf(stores.stores().keySet()), stores.defaultStore());
        return new SessionConfigValidatedBuildItem();
    }

    /**
     * The selected store is a default bean: an application bean implementing {@link SessionStore} replaces it.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SyntheticBeanBuildItem registerStoreBean(SessionRecorder recorder, SessionStoresBuildItem stores,
            SessionConfigValidatedBuildItem validated) {
        return SyntheticBeanBuildItem.configure(SessionStore.class)
                .scope(Singleton.class)
                .defaultBean()
                .unremovable()
                .supplier(recorder.selectedStore(stores.stores(), stores.defaultStore()))
                .setRuntimeInit()
                .done();
    }

    /**
     * Creates the store once the synthetic beans exist, so that its own settings fail startup rather than the first
     * request.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class)
    void openStore(SessionRecorder recorder, BeanContainerBuildItem beanContainer) {
        recorder.openStore(beanContainer.getValue());
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    FilterBuildItem registerSessionFilter(SessionRecorder recorder, SessionConfigValidatedBuildItem validated) {
        return new FilterBuildItem(recorder.sessionFilter(), FILTER_PRIORITY);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void startExpirySweeper(SessionRecorder recorder, CoreVertxBuildItem vertx, ShutdownContextBuildItem shutdown,
            SessionConfigValidatedBuildItem validated) {
        recorder.startExpirySweeper(vertx.getVertx(), shutdown);
    }

    /**
     * Finds the beans that use {@link Session}, directly or through the beans they inject: only their event-loop
     * endpoints need the session loaded before they run.
     */
    @BuildStep
    SessionUsersBuildItem findSessionUsers(ValidationPhaseBuildItem validationPhase) {
        Map<BeanInfo, Boolean> verdicts = new HashMap<>();
        Set<String> users = new HashSet<>();
        BeanResolver resolver = validationPhase.getBeanResolver();
        validationPhase.getContext().beans().classBeans().forEach(bean -> {
            if (usesSession(bean, resolver, verdicts)) {
                users.add(bean.getBeanClass().toString());
            }
        });
        return new SessionUsersBuildItem(users);
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void recordSessionUsers(SessionRecorder recorder, SessionUsersBuildItem users) {
        recorder.setSessionUsers(users.beanClasses());
    }

    /**
     * Values are encoded as JSON by reflection: their types, and the types of their properties, must be registered for
     * native executables. The build finds those it can see in the application's bytecode; the others are listed in
     * {@code quarkus.session.value-types} or annotated with {@code @RegisterForReflection}.
     */
    @BuildStep
    void registerValueTypesForReflection(SessionBuildTimeConfig config, CombinedIndexBuildItem index,
            BuildProducer<ReflectiveHierarchyBuildItem> valueTypes) {
        Set<String> types = new LinkedHashSet<>(
                new SessionValueTypeScanner(index.getIndex(), Thread.currentThread().getContextClassLoader()).scan());
        config.valueTypes().ifPresent(types::addAll);
        for (String type : types) {
            valueTypes.produce(ReflectiveHierarchyBuildItem.builder(type)
                    .index(index.getIndex())
                    .source("quarkus-session value type")
                    .build());
        }
    }

    /**
     * {@code TypeLiteral.getType()} reads the generic superclass of the application's anonymous subclasses by
     * reflection.
     */
    @BuildStep
    void registerTypeLiteralsForReflection(CombinedIndexBuildItem index,
            BuildProducer<ReflectiveClassBuildItem> reflectiveClasses) {
        for (ClassInfo literal : index.getIndex().getAllKnownSubclasses(TYPE_LITERAL)) {
            reflectiveClasses.produce(ReflectiveClassBuildItem.builder(literal.name().toString())
                    .reason("quarkus-session TypeLiteral").build());
        }
    }

    /**
     * Nothing random or key-bearing may be created while the native image is built: the generators and the derived
     * keys are made at run time.
     */
    @BuildStep
    void initializeSecretsAtRunTime(BuildProducer<RuntimeInitializedClassBuildItem> runtimeInitialized) {
        for (String className : List.of("io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator",
                "io.quarkiverse.session.runtime.store.cookie.CookieSessionCodec")) {
            runtimeInitialized.produce(new RuntimeInitializedClassBuildItem(className));
        }
    }

    private static boolean usesSession(BeanInfo bean, BeanResolver resolver, Map<BeanInfo, Boolean> verdicts) {
        Boolean known = verdicts.get(bean);
        if (known != null) {
            return known;
        }
        // Provisional answer for dependency cycles; replaced below.
        verdicts.put(bean, false);
        // An application's @SessionScoped bean finds its instances through the session (SessionScopeProcessor); the
        // synthetic ones are other extensions' (WebSockets Next's WebSocketConnection, one per connection).
        boolean uses = bean.getTypes().stream().anyMatch(type -> type.name().equals(SESSION))
                || bean.getScope().getDotName().equals(SESSION_SCOPED) && !bean.isSynthetic()
                || bean.getDeclaringBean() != null && usesSession(bean.getDeclaringBean(), resolver, verdicts);
        if (!uses) {
            for (InjectionPointInfo injectionPoint : bean.getAllInjectionPoints()) {
                if (injectionPoint.getRequiredType().name().equals(SESSION)
                        || dependencies(injectionPoint, resolver).stream()
                                .anyMatch(dependency -> usesSession(dependency, resolver, verdicts))) {
                    uses = true;
                    break;
                }
            }
        }
        verdicts.put(bean, uses);
        return uses;
    }

    /**
     * The beans an injection point can lead to: the resolved one, or every candidate of an {@code Instance<T>}.
     */
    private static Set<BeanInfo> dependencies(InjectionPointInfo injectionPoint, BeanResolver resolver) {
        if (injectionPoint.isProgrammaticLookup()) {
            return resolver.resolveBeans(injectionPoint.getRequiredType(), injectionPoint.getRequiredQualifiers());
        }
        BeanInfo resolved = injectionPoint.getResolvedBean();
        return resolved == null ? Set.of() : Set.of(resolved);
    }
}
