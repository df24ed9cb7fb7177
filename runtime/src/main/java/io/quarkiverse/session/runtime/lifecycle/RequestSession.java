package io.quarkiverse.session.runtime.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.util.TypeLiteral;

import org.jboss.logging.Logger;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.runtime.values.SessionValueChanges;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The session of one HTTP request: resolved from the ID source on first use, changed in memory, saved once at the end.
 * How it is resolved and saved depends on where sessions are held ({@link SessionHolder}): a subclass per holder.
 * <p>
 * Invariants: resolution never waits for the store on an event-loop thread (there the session must have been loaded
 * asynchronously before, {@link #resolveAsync()}, unless the holder answers at once); the session is saved at most once
 * per request, and not changed after; the ID source is written or cleared at most once, before the headers leave.
 */
public abstract class RequestSession implements Session {

    public static final String CONTEXT_KEY = RequestSession.class.getName();

    protected static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final Logger LOG = Logger.getLogger(RequestSession.class);

    protected final SessionLifecycle lifecycle;
    protected final RoutingContext request;

    protected boolean resolved;
    private boolean used;
    private boolean flushed;
    private boolean idDecided;

    /** The value the client sent, if it was well-formed. */
    protected String sentId;
    /** The current ID; {@code null} for a new session that has not needed one yet. */
    protected String id;
    /** The value of the ID source the session was loaded with, or null for a session that did not exist. */
    protected String loadedWith;
    /** This request reset or destroyed the session it started with. */
    protected boolean ended;
    /** The session got a new ID in this request. */
    protected boolean idChanged;
    protected boolean isNew;
    protected Instant createdAt;
    protected Instant lastAccessedAt;
    protected Duration idleOverride;
    protected boolean idleOverrideChanged;
    protected SessionValueChanges values;
    /** The principal the session is bound to, and whether this request bound or unbound it. */
    protected String principal;
    protected boolean principalChanged;
    /** A new session is kept although it holds no value: something lives in it, see {@link #retain()}. */
    protected boolean retained;
    /** How many times this request reset or destroyed its session. */
    private int generation;
    /** The ID of the existing session the request loaded; {@code null} for a new one. */
    private String idAtStart;

    protected RequestSession(SessionLifecycle lifecycle, RoutingContext request) {
        this.lifecycle = lifecycle;
        this.request = request;
    }

    /**
     * Returns the session of a request, creating it if the session filter did not run for this route.
     */
    public static RequestSession of(RoutingContext request) {
        RequestSession session = request.get(CONTEXT_KEY);
        if (session == null) {
            session = Arc.container().instance(SessionLifecycle.class).get().open(request);
            request.put(CONTEXT_KEY, session);
        }
        return session;
    }

    /**
     * Returns the session of a request if the application used it, else {@code null}.
     */
    public static RequestSession ifUsed(RoutingContext request) {
        RequestSession session = request.get(CONTEXT_KEY);
        return session != null && session.used ? session : null;
    }

    // ---- Session

    @Override
    public String id() {
        use();
        if (id == null) {
            assignNewId();
        }
        return id;
    }

    @Override
    public boolean isNew() {
        use();
        return isNew;
    }

    @Override
    public Instant createdAt() {
        use();
        return createdAt;
    }

    @Override
    public Instant lastAccessedAt() {
        use();
        return lastAccessedAt;
    }

    @Override
    public void setIdleTimeout(Duration idleTimeout) {
        SessionLifecycle.checkIdleTimeout(idleTimeout);
        change();
        idleOverride = idleTimeout;
        idleOverrideChanged = true;
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        use();
        return values.get(key, type);
    }

    @Override
    public <T> T get(String key, TypeLiteral<T> type) {
        use();
        return values.get(key, type);
    }

    @Override
    public void put(String key, Object value) {
        change();
        values.put(key, value);
    }

    @Override
    public void remove(String key) {
        change();
        values.remove(key);
    }

    @Override
    public Set<String> keys() {
        use();
        return values.keys();
    }

    @Override
    public String handle() {
        use();
        return id == null ? null : SessionKey.ofSessionId(id).toHex();
    }

    @Override
    public Optional<String> principal() {
        use();
        return Optional.ofNullable(principal);
    }

    @Override
    public void bindPrincipal(String name) {
        PrincipalNames.check(name);
        change();
        if (!name.equals(principal)) {
            // A login: the ID the session had before must not carry it (session fixation).
            regenerate();
            principal = name;
            principalChanged = true;
        }
    }

    @Override
    public void unbindPrincipal() {
        change();
        if (principal != null) {
            principal = null;
            principalChanged = true;
        }
    }

    /**
     * Whether this request's session is held in the store under this key, or will be once saved.
     */
    public boolean holds(SessionKey key) {
        return false;
    }

    @Override
    public void regenerate() {
        change();
        // A held session moves to the new ID when the request ends.
        assignNewId();
    }

    @Override
    public void reset() {
        startOver();
        assignNewId();
    }

    @Override
    public void destroy() {
        startOver();
    }

    // ---- for what lives in a session besides its values (@SessionScoped beans)

    /**
     * Keeps the session even if it holds no value, so that it is stored and its ID handed to the client at the end of
     * the request; gives it an ID now if it has none. A session is otherwise stored only once a value is written: this
     * is for what lives in it without being a value, such as a {@code @SessionScoped} bean. Reset and destroy undo it.
     */
    public void retain() {
        change();
        retained = true;
        if (id == null) {
            assignNewId();
        }
    }

    /**
     * How many times this request reset or destroyed its session: what was bound to the session at an earlier
     * generation belongs to a session that has ended.
     */
    public int generation() {
        return generation;
    }

    /**
     * The session's current ID, or {@code null} if it has none (yet, or any more); unlike {@link #id()}, never assigns
     * one.
     */
    public String currentId() {
        return id;
    }

    /**
     * The ID of the existing session this request loaded, whatever happened to it since; {@code null} if the request
     * started a new one.
     */
    public String idAtStart() {
        use();
        return idAtStart;
    }

    /**
     * When the session expires if this request is its last use.
     */
    public Instant expiresAtIfLastUsedNow() {
        use();
        return lifecycle.expiresAt(createdAt, lifecycle.now(), idleOverride);
    }

    // ---- lifecycle

    /**
     * Loads the session without blocking, if the client sent an ID; used before event-loop handlers and by reactive
     * callers. Does not count as a use of the session.
     */
    public abstract CompletableFuture<Void> resolveAsync();

    /**
     * Whether the session can be loaded on first use even on an event-loop thread.
     */
    public boolean loadsWithoutWaiting() {
        return lifecycle.answersImmediately();
    }

    /**
     * Saves what this request changed, deletes what it ended, and decides the ID source. The returned future completes
     * when the holder has accepted the changes; with one that answers at once it is complete on return. Does nothing if
     * the session was not used, or was saved already.
     */
    public CompletableFuture<Void> flush() {
        if (!used || flushed || !resolved) {
            // Not resolved: loading failed and the request already fails with that error; there is nothing to save.
            return DONE;
        }
        flushed = true;
        return save(lifecycle.now());
    }

    /**
     * Saves the session, once, at the end of the request; see {@link #flush()}.
     */
    protected abstract CompletableFuture<Void> save(Instant now);

    /**
     * Called when the response's headers are about to leave while a save that {@link #flush()} started is still under
     * way: the ID source can still be decided now, and not after.
     */
    protected void beforeHeadersWhileSaving() {
    }

    /**
     * Called when the session gets a new ID.
     */
    protected void onNewId() {
    }

    /**
     * Called when the session started with is reset or destroyed, before its state is cleared.
     */
    protected void onStartOver() {
    }

    /**
     * A request that only read a session used moments ago records nothing: its last use is recorded at most once per
     * {@link SessionLifecycle#touchGranularity}, so a session may expire that much earlier than its exact idle timeout,
     * and a busy reader does not rewrite a file, or reseal a cookie, on every request.
     */
    protected boolean isUnchangedRecentUse(Instant now) {
        return !values.hasChanges() && !idleOverrideChanged && !idChanged && !principalChanged && sentId != null
                && sentId.equals(loadedWith)
                && now.isBefore(lastAccessedAt.plus(lifecycle.touchGranularity(idleOverride)));
    }

    private void onHeadersEnd() {
        if (flushed) {
            return;
        }
        // Routes outside Quarkus REST end the response themselves. A holder that answers at once (memory, cookie) has
        // saved and decided the ID source before the headers leave; a store that answers later saves while the response
        // is sent (Sessions.flush lets a route wait for it).
        CompletableFuture<Void> saving;
        try {
            saving = flush();
        } catch (RuntimeException e) {
            saving = CompletableFuture.failedFuture(e);
        }
        saving.whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.errorf(unwrap(failure), "Failed to save the session of %s", request.normalizedPath());
            }
        });
        if (!saving.isDone() && !idDecided) {
            beforeHeadersWhileSaving();
        }
    }

    /**
     * Hands the current ID to the client.
     */
    protected void writeId() {
        writeId(id);
    }

    /**
     * Hands a value to the client through the ID source, valid until the session's deadline at the latest.
     */
    protected void writeId(String value) {
        HttpServerResponse response = request.response();
        if (idDecided || response.headWritten()) {
            return;
        }
        idDecided = true;
        Instant now = lifecycle.now();
        Duration untilDeadline = Duration.between(now, lifecycle.expiresAt(createdAt, now, idleOverride));
        lifecycle.idSources().write(response, value, untilDeadline);
    }

    protected void clearId() {
        HttpServerResponse response = request.response();
        if (idDecided || response.headWritten()) {
            return;
        }
        idDecided = true;
        lifecycle.idSources().clear(response);
    }

    // ---- resolution

    private void use() {
        if (!used) {
            used = true;
            request.addHeadersEndHandler(ignored -> onHeadersEnd());
        }
        if (!resolved) {
            resolve();
        }
    }

    private void change() {
        use();
        if (flushed) {
            throw new IllegalStateException(
                    "The session of this request was already saved; change it before the response is written");
        }
    }

    private void startOver() {
        change();
        onStartOver();
        generation++;
        retained = false;
        if (!isNew) {
            ended = true;
        }
        values.clear();
        principal = null;
        principalChanged = false;
        id = null;
        isNew = true;
        createdAt = lifecycle.now();
        lastAccessedAt = createdAt;
        idleOverride = null;
        idleOverrideChanged = false;
    }

    private void resolve() {
        // A holder that answers at once (memory, cookie) is used inline on any thread; otherwise a worker thread waits,
        // and an event-loop thread never does.
        CompletableFuture<Void> loading = resolveAsync();
        if (!loading.isDone() && !BlockingOperationControl.isBlockingAllowed()) {
            throw new IllegalStateException("The session was used on an event-loop thread before it was loaded, and "
                    + "the session store cannot answer without waiting. Quarkus Session loads the session before "
                    + "event-loop JAX-RS endpoints of beans that inject Session; elsewhere, use Sessions.current(), "
                    + "which returns a Uni<Session>, or, on a plain Vert.x route, put Sessions.loader() before the "
                    + "handler.");
        }
        try {
            loading.join();
        } catch (CompletionException e) {
            Throwable failure = unwrap(e);
            throw failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure);
        }
    }

    /**
     * The failure of a future, without the {@link CompletionException} that composition wraps it in.
     */
    public static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /**
     * Resolves as an existing session, loaded with the value {@code sent} of the ID source.
     */
    protected void resolveAsExisting(String sent, String sessionId, Instant created, Instant lastAccess,
            Duration idle, Map<String, byte[]> storedValues, String storedPrincipal) {
        resolved = true;
        sentId = sent;
        loadedWith = sent;
        id = sessionId;
        idAtStart = sessionId;
        isNew = false;
        createdAt = created;
        lastAccessedAt = lastAccess;
        idleOverride = idle;
        principal = storedPrincipal;
        values = new SessionValueChanges(lifecycle.codec(), storedValues);
    }

    /**
     * Resolves as a new session. An unknown, expired or malformed ID is never adopted: a new session gets a fresh ID
     * when it needs one.
     *
     * @param sent the well-formed value the client sent, or {@code null}
     */
    protected void resolveAsNew(String sent) {
        resolved = true;
        sentId = sent;
        isNew = true;
        createdAt = lifecycle.now();
        lastAccessedAt = createdAt;
        values = new SessionValueChanges(lifecycle.codec(), Map.of());
    }

    protected final void assignNewId() {
        idChanged = true;
        id = lifecycle.ids().generate();
        onNewId();
    }
}
