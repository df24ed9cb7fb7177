package io.quarkiverse.session.deployment;

import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.SessionScoped;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.jandex.DotName;

import io.quarkiverse.session.runtime.config.SessionBuildTimeConfig;
import io.quarkiverse.session.runtime.scope.ScopedSessionsListener;
import io.quarkiverse.session.runtime.scope.SessionScopeContext;
import io.quarkiverse.session.runtime.scope.SessionScopeRecorder;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.ContextRegistrationPhaseBuildItem;
import io.quarkus.arc.deployment.ContextRegistrationPhaseBuildItem.ContextConfiguratorBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
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
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.ShutdownContextBuildItem;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.vertx.core.deployment.CoreVertxBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;

/**
 * {@code @SessionScoped} beans in HTTP requests: one instance per session of Quarkus Session, for applications that
 * declare such beans. Undertow and WebSockets Next give the scope meanings of their own (the servlet session, the
 * WebSocket connection); where one of them would apply to the same beans, the build fails, naming the property that
 * settles it.
 */
class SessionScopeProcessor {

    static final String ENABLED_PROPERTY = "quarkus.session.scoped-beans.enabled";
    static final String WEBSOCKETS_ACTIVATION_PROPERTY = "quarkus.websockets-next.server.activate-session-context";
    private static final DotName SESSION_SCOPED = DotName.createSimple(SessionScoped.class);
    private static final DotName WEB_SOCKET = DotName.createSimple("io.quarkus.websockets.next.WebSocket");

    /**
     * Decides whether this extension gives {@code @SessionScoped} its meaning: only for an application that uses the
     * scope (the declaration of a bean, a producer or a stereotype), so that others are not affected at all.
     */
    @BuildStep
    Optional<SessionScopeBuildItem> decideSessionScope(SessionBuildTimeConfig config, CombinedIndexBuildItem index,
            Capabilities capabilities) {
        if (!config.scopedBeans().enabled() || index.getIndex().getAnnotations(SESSION_SCOPED).isEmpty()) {
            return Optional.empty();
        }
        if (capabilities.isPresent(Capability.SERVLET)) {
            throw new ConfigurationException("The application declares @SessionScoped beans and contains both Quarkus "
                    + "Session and a servlet container (Undertow), which keeps @SessionScoped beans in the servlet "
                    + "HttpSession: the scope cannot mean both. Set " + ENABLED_PROPERTY + "=false to keep the servlet "
                    + "session's meaning, or remove the servlet extension to keep Quarkus Session's.",
                    Set.of(ENABLED_PROPERTY));
        }
        if (capabilities.isPresent(Capability.WEBSOCKETS_NEXT) && "always".equals(webSocketsActivation())) {
            throw new ConfigurationException("The application declares @SessionScoped beans, and "
                    + WEBSOCKETS_ACTIVATION_PROPERTY + "=always makes WebSockets Next keep one instance of them per "
                    + "WebSocket connection, while Quarkus Session keeps one per HTTP session: the scope cannot mean "
                    + "both. Remove " + WEBSOCKETS_ACTIVATION_PROPERTY + "=always (the default, auto, activates it only "
                    + "for endpoints that use @SessionScoped beans), or set " + ENABLED_PROPERTY + "=false to keep "
                    + "WebSockets Next's meaning only.", Set.of(WEBSOCKETS_ACTIVATION_PROPERTY, ENABLED_PROPERTY));
        }
        return Optional.of(new SessionScopeBuildItem());
    }

    /**
     * WebSockets Next's setting, read by name: this extension does not depend on WebSockets Next.
     */
    private static String webSocketsActivation() {
        return ConfigProvider.getConfig().getOptionalValue(WEBSOCKETS_ACTIVATION_PROPERTY, String.class)
                .map(value -> value.trim().toLowerCase(Locale.ROOT)).orElse("auto");
    }

    @BuildStep
    void registerSessionContext(Optional<SessionScopeBuildItem> scope, ContextRegistrationPhaseBuildItem phase,
            BuildProducer<ContextConfiguratorBuildItem> contexts) {
        if (scope.isPresent()) {
            contexts.produce(new ContextConfiguratorBuildItem(
                    phase.getContext().configure(SessionScoped.class).normal().contextClass(SessionScopeContext.class)));
        }
    }

    @BuildStep
    void registerSessionListener(Optional<SessionScopeBuildItem> scope, BuildProducer<AdditionalBeanBuildItem> beans) {
        if (scope.isPresent()) {
            beans.produce(AdditionalBeanBuildItem.unremovableOf(ScopedSessionsListener.class));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    void registerRequestBinder(Optional<SessionScopeBuildItem> scope, SessionScopeRecorder recorder,
            BuildProducer<FilterBuildItem> filters) {
        if (scope.isPresent()) {
            filters.produce(new FilterBuildItem(recorder.requestBinder(), SessionProcessor.FILTER_PRIORITY));
        }
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class)
    void startSessionScope(Optional<SessionScopeBuildItem> scope, SessionScopeRecorder recorder, CoreVertxBuildItem vertx,
            ShutdownContextBuildItem shutdown, SessionConfigValidatedBuildItem validated) {
        if (scope.isPresent()) {
            recorder.checkStore();
            recorder.startSweeper(vertx.getVertx(), shutdown);
        }
    }

    /**
     * With the default {@code auto}, WebSockets Next activates its own session context for the endpoints whose beans
     * depend on a {@code @SessionScoped} bean: that bean would be one per connection there and one per session
     * elsewhere.
     */
    @BuildStep
    void validateWebSocketEndpoints(Optional<SessionScopeBuildItem> scope, Capabilities capabilities,
            ValidationPhaseBuildItem validationPhase, BuildProducer<ValidationErrorBuildItem> errors) {
        if (scope.isEmpty() || capabilities.isMissing(Capability.WEBSOCKETS_NEXT)) {
            return;
        }
        BeanResolver resolver = validationPhase.getBeanResolver();
        validationPhase.getContext().beans().classBeans().forEach(bean -> {
            if (bean.getImplClazz().hasDeclaredAnnotation(WEB_SOCKET)) {
                BeanInfo scoped = sessionScopedDependency(bean, resolver, new HashSet<>());
                if (scoped != null) {
                    errors.produce(new ValidationErrorBuildItem(new ConfigurationException("The WebSocket endpoint "
                            + bean.getBeanClass() + " depends on the @SessionScoped bean " + scoped.getBeanClass()
                            + ": WebSockets Next would keep one instance of it per WebSocket connection, while Quarkus "
                            + "Session keeps one per HTTP session. Keep what the endpoint needs in the session's values "
                            + "(inject io.quarkiverse.session.Session), or set " + ENABLED_PROPERTY + "=false to keep "
                            + "WebSockets Next's meaning only.", Set.of(ENABLED_PROPERTY))));
                }
            }
        });
    }

    private static BeanInfo sessionScopedDependency(BeanInfo bean, BeanResolver resolver, Set<String> visited) {
        if (!visited.add(bean.getIdentifier())) {
            return null;
        }
        for (InjectionPointInfo injectionPoint : bean.getAllInjectionPoints()) {
            Set<BeanInfo> candidates = injectionPoint.isProgrammaticLookup()
                    ? resolver.resolveBeans(injectionPoint.getRequiredType(), injectionPoint.getRequiredQualifiers())
                    : injectionPoint.getResolvedBean() == null ? Set.of() : Set.of(injectionPoint.getResolvedBean());
            for (BeanInfo dependency : candidates) {
                // WebSockets Next's own connection beans are @SessionScoped by design: they are its to give.
                if (dependency.getScope().getDotName().equals(SESSION_SCOPED) && !dependency.isSynthetic()) {
                    return dependency;
                }
                BeanInfo deeper = sessionScopedDependency(dependency, resolver, visited);
                if (deeper != null) {
                    return deeper;
                }
            }
        }
        return null;
    }
}
