package io.quarkiverse.session.runtime.scope;

import java.lang.annotation.Annotation;
import java.util.Map;

import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.context.SessionScoped;
import jakarta.enterprise.context.spi.Contextual;
import jakarta.enterprise.context.spi.CreationalContext;

import io.quarkiverse.session.runtime.lifecycle.RequestSession;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;

/**
 * CDI's session context, for HTTP requests: a {@code @SessionScoped} bean has one instance per session of Quarkus
 * Session, created on first use, kept in this application instance's memory under the session's key
 * ({@link ScopedSessions}), and destroyed when the session is destroyed, reset or expires; a regenerated session keeps
 * its instances.
 * <p>
 * Active while an HTTP request is handled: Quarkus REST, reactive routes, and plain Vert.x routes behind the session
 * filter ({@link RequestBinder} puts the request where this context finds it). Using a bean in a request that has no
 * session starts one: the session is {@link RequestSession#retain() retained}, so that it is stored and its ID sent.
 * <p>
 * Invariants: a request is bound to one session's beans at a time ({@link Binding}), found again on each call without
 * hashing the ID; a binding made before the request reset or destroyed its session is never used again, and the beans it
 * names are ended when it is replaced or the request ends; when the request ends, beans follow the session's new ID and
 * take its new deadline.
 */
public class SessionScopeContext implements InjectableContext {

    /** Where the session filter's companion puts the request, in the Vert.x duplicated context of the request. */
    static final String REQUEST_KEY = SessionScopeContext.class.getName() + ".request";
    private static final String BINDING_KEY = SessionScopeContext.class.getName() + ".binding";

    private final ScopedSessions sessions = new ScopedSessions();
    private volatile CurrentVertxRequest currentVertxRequest;

    /**
     * The beans of one session, as a request found them.
     *
     * @param generation the session's {@link RequestSession#generation()} when bound
     */
    private record Binding(RequestSession session, int generation, SessionKey key, SessionBeans beans) {

        boolean isCurrent() {
            return session.generation() == generation && !beans.isDestroyed();
        }
    }

    ScopedSessions sessions() {
        return sessions;
    }

    @Override
    public Class<? extends Annotation> getScope() {
        return SessionScoped.class;
    }

    /**
     * Active while an HTTP request is handled, except where ArC's own session context is active: WebSockets Next
     * activates that one around its endpoints' callbacks, and there {@code @SessionScoped} is one per connection (the
     * build fails where that would touch the application's beans, see the deployment's SessionScopeProcessor). ArC
     * requires at most one active context per scope.
     */
    @Override
    public boolean isActive() {
        return !Arc.container().sessionContext().isActive() && currentRequest() != null;
    }

    @Override
    public <T> T get(Contextual<T> contextual, CreationalContext<T> creationalContext) {
        RoutingContext request = activeRequest();
        InjectableBean<T> bean = (InjectableBean<T>) contextual;
        if (creationalContext == null) {
            Binding binding = existingBinding(request);
            return binding == null ? null : binding.beans().getIfPresent(bean);
        }
        while (true) {
            T instance = bind(request).beans().get(bean, creationalContext);
            if (instance != null) {
                return instance;
            }
            // Destroyed meanwhile (the session ended in another request, or expired): bind again.
        }
    }

    @Override
    public <T> T get(Contextual<T> contextual) {
        return get(contextual, null);
    }

    @Override
    public void destroy(Contextual<?> contextual) {
        Binding binding = existingBinding(activeRequest());
        if (binding != null) {
            binding.beans().destroy(((InjectableBean<?>) contextual).getIdentifier());
        }
    }

    /**
     * Destroys the instances of the current request's session; its next use creates new ones.
     */
    @Override
    public void destroy() {
        RoutingContext request = activeRequest();
        Binding binding = existingBinding(request);
        if (binding != null) {
            request.remove(BINDING_KEY);
            sessions.ended(binding.key(), binding.beans());
        }
    }

    @Override
    public ContextState getState() {
        Binding binding = existingBinding(activeRequest());
        Map<InjectableBean<?>, Object> present = binding == null ? Map.of() : binding.beans().present();
        return () -> present;
    }

    @Override
    public boolean isNormal() {
        return true;
    }

    private RoutingContext activeRequest() {
        RoutingContext request = currentRequest();
        if (request == null) {
            throw new ContextNotActiveException("@SessionScoped beans of Quarkus Session are only available while an HTTP "
                    + "request is handled; from background work, read the session with Sessions.findById");
        }
        return request;
    }

    private RoutingContext currentRequest() {
        Context vertxContext = Vertx.currentContext();
        if (vertxContext != null && VertxContext.isDuplicatedContext(vertxContext)) {
            RoutingContext request = vertxContext.getLocal(REQUEST_KEY);
            if (request != null) {
                return request;
            }
        }
        // A request handed to a thread without its Vert.x context still has its CDI request context.
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            return null;
        }
        CurrentVertxRequest current = currentVertxRequest;
        if (current == null) {
            current = Arc.container().instance(CurrentVertxRequest.class).get();
            currentVertxRequest = current;
        }
        return current.getCurrent();
    }

    /**
     * The binding of a request that is still current, or, for a request that has not bound yet, the beans its session
     * already has; never starts a session.
     */
    private Binding existingBinding(RoutingContext request) {
        Binding binding = request.get(BINDING_KEY);
        if (binding != null && binding.isCurrent()) {
            return binding;
        }
        RequestSession session = RequestSession.of(request);
        String id = session.currentId();
        if (id == null || session.isNew()) {
            return null;
        }
        SessionKey key = SessionKey.ofSessionId(id);
        SessionBeans beans = sessions.find(key);
        return beans == null ? null : new Binding(session, session.generation(), key, beans);
    }

    private Binding bind(RoutingContext request) {
        Binding binding = request.get(BINDING_KEY);
        if (binding != null && binding.isCurrent()) {
            return binding;
        }
        RequestSession session = RequestSession.of(request);
        if (binding != null && binding.session().generation() != binding.generation()) {
            // The request reset or destroyed the session since: its beans end now, and new ones are made below.
            sessions.ended(binding.key(), binding.beans());
        }
        if (session.isNew()) {
            // A bean in a session that holds no value yet: the session must be stored, and its ID sent, all the same.
            session.retain();
        }
        String idAtStart = session.idAtStart();
        // A session regenerated earlier in this request still has its beans under the ID it was loaded with; they
        // follow it to the new ID when the request ends.
        String id = session.generation() == 0 && idAtStart != null ? idAtStart : session.id();
        SessionKey key = SessionKey.ofSessionId(id);
        Binding bound = new Binding(session, session.generation(), key,
                sessions.bind(key, session.expiresAtIfLastUsedNow()));
        if (binding == null) {
            request.addEndHandler(ignored -> requestEnded(request));
        }
        request.put(BINDING_KEY, bound);
        return bound;
    }

    /**
     * The beans of the request's session follow what the request did to it: they end with a session it reset or
     * destroyed, move to the new ID of a session it regenerated, and take the deadline this use gave the session. The
     * lifecycle's {@link ScopedSessionsListener} does the same when the store confirms; both are idempotent.
     */
    private void requestEnded(RoutingContext request) {
        Binding binding = request.get(BINDING_KEY);
        if (binding == null) {
            return;
        }
        RequestSession session = binding.session();
        String id = session.currentId();
        if (session.generation() != binding.generation() || id == null) {
            sessions.ended(binding.key(), binding.beans());
            return;
        }
        SessionKey key = SessionKey.ofSessionId(id);
        if (!key.equals(binding.key())) {
            sessions.moved(binding.key(), key, binding.beans());
        }
        binding.beans().expireAt(session.expiresAtIfLastUsedNow());
    }
}
