package io.quarkiverse.session.deployment;

import java.util.List;

import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationTransformation;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;

import io.quarkiverse.session.runtime.SessionRecorder;
import io.quarkiverse.session.runtime.lifecycle.SocketSessionHolder;
import io.quarkiverse.session.runtime.websockets.HandshakeSessionCheck;
import io.quarkiverse.session.runtime.websockets.SocketSessionCallback;
import io.quarkiverse.session.runtime.websockets.SocketSessionInterceptor;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.arc.deployment.AnnotationsTransformerBuildItem;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.SyntheticBeansRuntimeInitBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Consume;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;

/**
 * The session in WebSockets Next endpoints, only in applications that contain WebSockets Next: the handshake check that
 * reads the session ID, and the interceptor, bound here to every endpoint callback, that loads and saves the session
 * around the callbacks of endpoints that use it. Without WebSockets Next, none of their classes is loaded.
 */
class WebSocketsSessionProcessor {

    private static final String WEBSOCKETS_NEXT = "io.quarkus.websockets.next.";
    private static final DotName WEB_SOCKET = DotName.createSimple(WEBSOCKETS_NEXT + "WebSocket");
    private static final List<DotName> CALLBACKS = List.of("OnOpen", "OnTextMessage", "OnBinaryMessage", "OnPingMessage",
            "OnPongMessage", "OnClose").stream().map(name -> DotName.createSimple(WEBSOCKETS_NEXT + name))
            .toList();

    /** The producer of {@code Session} asks it in every application. */
    @BuildStep
    AdditionalBeanBuildItem registerSocketSessionHolder() {
        return AdditionalBeanBuildItem.unremovableOf(SocketSessionHolder.class);
    }

    @BuildStep
    void registerWebSocketIntegration(Capabilities capabilities, BuildProducer<AdditionalBeanBuildItem> beans,
            BuildProducer<AnnotationsTransformerBuildItem> transformers) {
        if (!capabilities.isPresent(Capability.WEBSOCKETS_NEXT)) {
            return;
        }
        beans.produce(AdditionalBeanBuildItem.builder()
                .addBeanClasses(HandshakeSessionCheck.class, SocketSessionInterceptor.class, SocketSessionCallback.class)
                .setUnremovable().build());
        transformers.produce(new AnnotationsTransformerBuildItem(AnnotationTransformation.forMethods()
                .whenMethod(WebSocketsSessionProcessor::isEndpointCallback)
                .transform(method -> method.add(SocketSessionCallback.class))));
    }

    @BuildStep
    @Record(ExecutionTime.STATIC_INIT)
    void leaveHandshakes(SessionRecorder recorder, Capabilities capabilities) {
        recorder.leaveWebSocketHandshakes(capabilities.isPresent(Capability.WEBSOCKETS_NEXT));
    }

    /**
     * The cookie store keeps the session in the client's cookie, out of a WebSocket's reach; the store is chosen at run
     * time, so the combination fails startup.
     */
    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    @Consume(SyntheticBeansRuntimeInitBuildItem.class)
    void refuseStoreOutOfReach(SessionRecorder recorder, Capabilities capabilities, SessionUsersBuildItem users,
            CombinedIndexBuildItem index, BeanContainerBuildItem container) {
        if (!capabilities.isPresent(Capability.WEBSOCKETS_NEXT)) {
            return;
        }
        List<String> endpoints = index.getIndex().getAnnotations(WEB_SOCKET).stream()
                .filter(annotation -> annotation.target().kind() == AnnotationTarget.Kind.CLASS)
                .map(annotation -> annotation.target().asClass().name().toString())
                .filter(users.beanClasses()::contains).sorted().toList();
        if (!endpoints.isEmpty()) {
            recorder.checkStoreForWebSockets(endpoints, container.getValue());
        }
    }

    private static boolean isEndpointCallback(MethodInfo method) {
        return method.declaringClass().hasDeclaredAnnotation(WEB_SOCKET)
                && CALLBACKS.stream().anyMatch(method::hasDeclaredAnnotation);
    }
}
