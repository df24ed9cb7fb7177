package io.quarkiverse.session.runtime.websockets;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkiverse.session.runtime.lifecycle.SessionUsers;
import io.quarkiverse.session.runtime.lifecycle.SocketSession;
import io.quarkiverse.session.runtime.lifecycle.SocketSessionHolder;
import io.quarkus.runtime.BlockingOperationControl;
import io.quarkus.websockets.next.WebSocketConnection;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Gives each callback of a WebSockets Next endpoint that uses {@code Session} the session of its connection: loads it
 * before the callback, fresh from the store, and saves it when the callback has completed.
 * <p>
 * Invariants: an event-loop thread never waits for the store. A callback that returns a {@link Uni} or a {@link Multi}
 * runs on the event loop: its session is loaded without blocking before it is called, and saved when the {@code Uni}
 * completes (the {@code Multi} completes) successfully, before the item reaches WebSockets Next. A callback that returns
 * anything else runs on a worker (or virtual) thread, which waits for the load before, and for the save after the
 * callback returns. A callback that fails saves nothing.
 */
@SocketSessionCallback
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE + 100)
public class SocketSessionInterceptor {

    private static final Logger LOG = Logger.getLogger(SocketSessionInterceptor.class);
    /**
     * The Vert.x context local in which WebSockets Next keeps the connection of the callback running on the context
     * (its {@code ContextSupport.WEB_SOCKET_CONN_KEY}, not public API: the WebSocket tests, whose callbacks take no
     * connection parameter, fail if it changes); read when the callback does not take the connection as a parameter. The
     * connection bean itself is session scoped, and WebSockets Next's session context is not active in every endpoint.
     */
    private static final String CONNECTION_KEY = "io.quarkus.websockets.next.runtime.WebSocketConnectionBase";

    /** Whether the endpoint, whose instance may be a subclass made for interception, uses {@code Session}. */
    private static final ClassValue<Boolean> USES_SESSION = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            for (Class<?> current = type; current != null; current = current.getSuperclass()) {
                if (SessionUsers.uses(current)) {
                    return true;
                }
            }
            return false;
        }
    };

    private final SessionLifecycle lifecycle;
    private final SocketSessionHolder holder;

    SocketSessionInterceptor(SessionLifecycle lifecycle, SocketSessionHolder holder) {
        this.lifecycle = lifecycle;
        this.holder = holder;
    }

    @AroundInvoke
    Object withSession(InvocationContext invocation) throws Exception {
        if (!USES_SESSION.get(invocation.getTarget().getClass())) {
            return invocation.proceed();
        }
        WebSocketConnection connection = connectionOf(invocation);
        String id = connection == null ? null : connection.userData().get(HandshakeSessionCheck.SESSION_ID);
        SocketSession session = new SocketSession(lifecycle, id);
        holder.set(session);
        Class<?> returned = invocation.getMethod().getReturnType();
        if (Uni.class.isAssignableFrom(returned)) {
            return Uni.createFrom().completionStage(session::load)
                    .chain(() -> (Uni<?>) proceed(invocation))
                    .call(() -> Uni.createFrom().completionStage(session::save));
        }
        if (Multi.class.isAssignableFrom(returned)) {
            return Uni.createFrom().completionStage(session::load)
                    .onItem().transformToMulti(ignored -> (Multi<?>) proceed(invocation))
                    .onCompletion().call(() -> Uni.createFrom().completionStage(session::save));
        }
        return withSessionBlocking(invocation, session);
    }

    private static Object withSessionBlocking(InvocationContext invocation, SocketSession session) throws Exception {
        boolean mayWait = BlockingOperationControl.isBlockingAllowed();
        CompletableFuture<Void> loading = session.load();
        if (!loading.isDone() && !mayWait) {
            throw new IllegalStateException("The session of a WebSocket callback that runs on the event loop and does "
                    + "not return a Uni cannot be loaded: the session store cannot answer without waiting. Return a "
                    + "Uni from " + invocation.getMethod() + ", or let it run on a worker thread (@Blocking)");
        }
        await(loading);
        Object result = invocation.proceed();
        CompletableFuture<Void> saving = session.save();
        if (mayWait) {
            await(saving);
        } else {
            saving.whenComplete((ignored, failure) -> {
                if (failure != null) {
                    LOG.errorf(RequestSession.unwrap(failure), "Failed to save the session of a WebSocket callback");
                }
            });
        }
        return result;
    }

    private static WebSocketConnection connectionOf(InvocationContext invocation) {
        for (Object parameter : invocation.getParameters()) {
            if (parameter instanceof WebSocketConnection connection) {
                return connection;
            }
        }
        Context context = Vertx.currentContext();
        return context != null && context.getLocal(CONNECTION_KEY) instanceof WebSocketConnection connection ? connection
                : null;
    }

    private static Object proceed(InvocationContext invocation) {
        try {
            return invocation.proceed();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new CompletionException(e);
        }
    }

    private static void await(CompletableFuture<Void> operation) {
        try {
            operation.join();
        } catch (CompletionException e) {
            Throwable failure = RequestSession.unwrap(e);
            throw failure instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
