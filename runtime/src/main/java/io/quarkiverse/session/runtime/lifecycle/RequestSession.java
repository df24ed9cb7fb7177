package io.quarkiverse.session.runtime.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

import jakarta.enterprise.util.TypeLiteral;

import org.jboss.logging.Logger;

import io.quarkiverse.session.Session;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionCodec;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionCodec.CookieSession;
import io.quarkiverse.session.runtime.values.SessionValueChanges;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;
import io.quarkus.arc.Arc;
import io.quarkus.runtime.BlockingOperationControl;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * The session of one HTTP request: resolved from the cookie on first use, changed in memory, saved once at the end.
 * <p>
 * Resolution never waits for the store on an event-loop thread: there the session must have been loaded
 * asynchronously before ({@link #resolveAsync()}), unless the store answers at once.
 */
public final class RequestSession implements Session {

    public static final String CONTEXT_KEY = RequestSession.class.getName();

    private static final Logger LOG = Logger.getLogger(RequestSession.class);
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final CompletableFuture<Boolean> NOT_MOVED = CompletableFuture.completedFuture(false);

    private final SessionLifecycle lifecycle;
    private final RoutingContext request;
    /** Set with the cookie store, where the session travels sealed in the cookie instead of a server-side store. */
    private final CookieSessionCodec cookieCodec;

    private boolean resolved;
    private boolean used;
    private boolean flushed;
    private boolean cookieDecided;

    /** The ID the client sent, if it was well-formed. */
    private String sentId;
    /** The current ID; {@code null} for a new session that has not needed one yet. */
    private String id;
    private SessionKey key;
    /** The key the session is stored under now; differs from {@link #key} after a regeneration, null if not stored. */
    private SessionKey storedKey;
    /** A stored session this request ended, to delete at the end. */
    private SessionKey endedKey;
    /** With the cookie store: the client holds a session cookie that is still valid, or this request made one. */
    private boolean cookieSessionExists;
    /** This request reset or destroyed the session it started with. */
    private boolean ended;
    /** The session got a new ID in this request. */
    private boolean idChanged;
    /** The cookie value the session was loaded with, or null for a session that did not exist. */
    private String loadedWith;
    private boolean isNew;
    private Instant createdAt;
    private Instant lastAccessedAt;
    private Duration idleOverride;
    private boolean idleOverrideChanged;
    private SessionValueChanges values;

    public RequestSession(SessionLifecycle lifecycle, RoutingContext request) {
        this.lifecycle = lifecycle;
        this.request = request;
        this.cookieCodec = lifecycle.cookieCodec();
    }

    /**
     * Returns the session of a request, creating it if the session filter did not run for this route.
     */
    public static RequestSession of(RoutingContext request) {
        RequestSession session = request.get(CONTEXT_KEY);
        if (session == null) {
            session = new RequestSession(Arc.container().instance(SessionLifecycle.class).get(), request);
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
    public void regenerate() {
        change();
        // The stored data moves to the new key when the request ends; storedKey keeps pointing at the old one till then.
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

    // ---- lifecycle

    /**
     * Loads the session without blocking, if the client sent an ID; used before event-loop handlers and by reactive
     * callers. Does not count as a use of the session.
     */
    public CompletableFuture<Void> resolveAsync() {
        if (resolved) {
            return DONE;
        }
        if (cookieCodec != null) {
            resolveFromCookie();
            return DONE;
        }
        String sent = lifecycle.cookie().read(request);
        if (!SessionIdGenerator.isWellFormed(sent)) {
            resolveAsNew(sent);
            return DONE;
        }
        SessionKey sentKey = SessionKey.ofSessionId(sent);
        return lifecycle.load(sentKey).thenAccept(record -> {
            if (!resolved) {
                resolveWith(sent, sentKey, record);
            }
        });
    }

    /**
     * Whether the store answers at once, so that the session can be loaded on first use even on an event-loop thread.
     */
    public boolean loadsWithoutWaiting() {
        return lifecycle.answersImmediately();
    }

    /**
     * Saves what this request changed, deletes what it ended, and decides the cookie. The returned future completes
     * when the store has accepted the changes; with a store that answers at once it is complete on return. Does nothing
     * if the session was not used, or was saved already.
     */
    public CompletableFuture<Void> flush() {
        if (!used || flushed || !resolved) {
            // Not resolved: loading failed and the request already fails with that error; there is nothing to save.
            return DONE;
        }
        flushed = true;
        Instant now = lifecycle.now();
        if (cookieCodec != null) {
            return flushToCookie(now);
        }
        CompletableFuture<Boolean> deleteEnded = endedKey == null ? null : lifecycle.delete(endedKey);
        if (storedKey != null && isUnchangedRecentUse(now)) {
            return DONE;
        }
        if (storedKey != null) {
            SessionKey from = storedKey;
            SessionKey to = key;
            SessionUpdate update = new SessionUpdate(now, idleOverrideChanged ? idleOverride : null,
                    lifecycle.expiresAt(createdAt, now, idleOverride), values.puts(), values.removals());
            CompletableFuture<Boolean> saved = from.equals(to)
                    ? after(deleteEnded, () -> lifecycle.update(to, update))
                    : after(deleteEnded, () -> lifecycle.changeKey(from, to))
                            .thenCompose(moved -> moved ? lifecycle.update(to, update) : NOT_MOVED);
            return saved.thenAccept(stillExists -> {
                if (stillExists) {
                    if (clientCookieNeedsRefresh(now)) {
                        writeCookie();
                    }
                } else {
                    // Destroyed or regenerated by a concurrent request: the late save was refused, as it must be.
                    LOG.debugf("Session %s ended during this request; its changes were dropped", from.shortHash());
                    clearCookie();
                }
            });
        }
        if (!values.puts().isEmpty()) {
            if (id == null) {
                assignNewId();
            }
            SessionRecord record = new SessionRecord(createdAt, now, idleOverride,
                    lifecycle.expiresAt(createdAt, now, idleOverride), Map.copyOf(values.puts()));
            SessionKey newKey = key;
            return after(deleteEnded, () -> lifecycle.create(newKey, record)).thenRun(this::writeCookie);
        }
        return (deleteEnded == null ? DONE : deleteEnded).thenRun(() -> {
            if (sentId != null || endedKey != null) {
                clearCookie();
            }
        });
    }

    private static <T> CompletableFuture<T> after(CompletableFuture<?> first, Supplier<CompletableFuture<T>> next) {
        return first == null ? next.get() : first.thenCompose(ignored -> next.get());
    }

    /**
     * With the cookie store, saving is sealing the whole session into the response's cookie: a session that exists is
     * sealed again whenever it changed, and when only read at most once per touch period, so its last-access time, and
     * thus its idle timeout, moves with it.
     */
    private CompletableFuture<Void> flushToCookie(Instant now) {
        if (cookieSessionExists && isUnchangedRecentUse(now)) {
            return DONE;
        }
        if (cookieSessionExists || !values.puts().isEmpty()) {
            if (id == null) {
                assignNewId();
            }
            String sealed;
            try {
                sealed = cookieCodec.seal(new CookieSession(id, createdAt.toEpochMilli(), now.toEpochMilli(),
                        idleOverride == null ? 0 : idleOverride.toMillis(), values.merged()));
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
            writeCookie(sealed);
        } else if (sentId != null || ended) {
            clearCookie();
        }
        return DONE;
    }

    /**
     * A request that only read a session used moments ago records nothing: its last use is recorded at most once per
     * {@link SessionLifecycle#touchGranularity}, so a session may expire that much earlier than its exact idle timeout,
     * and a busy reader does not rewrite a file, or reseal a cookie, on every request.
     */
    private boolean isUnchangedRecentUse(Instant now) {
        return !values.hasChanges() && !idleOverrideChanged && !idChanged && sentId != null && sentId.equals(loadedWith)
                && now.isBefore(lastAccessedAt.plus(lifecycle.touchGranularity(idleOverride)));
    }

    /**
     * Whether a saved session's cookie must be sent again. The client holds it already unless the ID or the idle timeout
     * (its Max-Age) changed; a lasting cookie is also sent once per {@link SessionLifecycle#touchGranularity} period, so
     * its expiry in the browser moves with the session's: it was sent in the period of the last recorded use, so the
     * browser drops it at most one period before the session would expire, the same slack as for recording reads.
     */
    private boolean clientCookieNeedsRefresh(Instant now) {
        if (idChanged || idleOverrideChanged || loadedWith == null || !loadedWith.equals(id)) {
            return true;
        }
        if (lifecycle.cookie().isSessionOnly()) {
            return false;
        }
        long period = lifecycle.touchGranularity(idleOverride).toMillis();
        return Math.floorDiv(now.toEpochMilli(), period) != Math.floorDiv(lastAccessedAt.toEpochMilli(), period);
    }

    private void onHeadersEnd() {
        if (flushed) {
            return;
        }
        // Routes outside Quarkus REST end the response themselves. A store that answers at once (memory, cookie) has
        // saved and decided the cookie before the headers leave; a store that answers later saves while the response is
        // sent (Sessions.flush lets a route wait for it), and the cookie it will need is sent now.
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
        if (!saving.isDone() && !cookieDecided && cookieCodec == null) {
            if (storedKey != null || (key != null && !values.puts().isEmpty())) {
                writeCookie();
            } else if (sentId != null || endedKey != null) {
                clearCookie();
            }
        }
    }

    private void writeCookie() {
        writeCookie(id);
    }

    private void writeCookie(String value) {
        HttpServerResponse response = request.response();
        if (cookieDecided || response.headWritten()) {
            return;
        }
        cookieDecided = true;
        lifecycle.cookie().write(response, value, lifecycle.idleTimeoutOf(idleOverride));
    }

    private void clearCookie() {
        HttpServerResponse response = request.response();
        if (cookieDecided || response.headWritten()) {
            return;
        }
        cookieDecided = true;
        lifecycle.cookie().clear(response);
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
        if (storedKey != null) {
            endedKey = storedKey;
            storedKey = null;
        }
        if (!isNew || cookieSessionExists) {
            ended = true;
        }
        cookieSessionExists = false;
        values.clear();
        id = null;
        key = null;
        isNew = true;
        createdAt = lifecycle.now();
        lastAccessedAt = createdAt;
        idleOverride = null;
        idleOverrideChanged = false;
    }

    private void resolve() {
        // A store that answers at once (memory, cookie) is used inline on any thread; otherwise a worker thread waits, and
        // an event-loop thread never does.
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
    static Throwable unwrap(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    private void resolveFromCookie() {
        String sent = lifecycle.cookie().read(request);
        CookieSession sealed = sent == null ? null : cookieCodec.open(sent);
        if (sealed != null) {
            Duration idle = sealed.idleTimeoutMillis() == 0 ? null : Duration.ofMillis(sealed.idleTimeoutMillis());
            Instant created = Instant.ofEpochMilli(sealed.createdAt());
            Instant lastAccess = Instant.ofEpochMilli(sealed.lastAccessedAt());
            // The times travel sealed in the cookie, so expiry holds even for a cookie the client keeps forever.
            if (lifecycle.now().isBefore(lifecycle.expiresAt(created, lastAccess, idle))) {
                resolved = true;
                sentId = sent;
                loadedWith = sent;
                cookieSessionExists = true;
                id = sealed.id();
                isNew = false;
                createdAt = created;
                lastAccessedAt = lastAccess;
                idleOverride = idle;
                values = new SessionValueChanges(lifecycle.codec(), sealed.values());
                return;
            }
            LOG.debug("Ignoring an expired session cookie");
        }
        resolveWith(sent, null, null);
    }

    private void resolveAsNew(String sent) {
        if (sent != null) {
            LOG.debug("Ignoring a malformed session cookie");
        }
        resolveWith(null, null, null);
    }

    private void resolveWith(String sent, SessionKey sentKey, SessionRecord record) {
        resolved = true;
        sentId = sent;
        if (record != null) {
            loadedWith = sent;
            id = sent;
            key = sentKey;
            storedKey = sentKey;
            isNew = false;
            createdAt = record.createdAt();
            lastAccessedAt = record.lastAccessedAt();
            idleOverride = record.idleTimeout();
            values = new SessionValueChanges(lifecycle.codec(), record.values());
        } else {
            // An unknown or expired ID is never adopted: a new session gets a fresh ID when it needs one.
            isNew = true;
            createdAt = lifecycle.now();
            lastAccessedAt = createdAt;
            values = new SessionValueChanges(lifecycle.codec(), Map.of());
        }
    }

    private void assignNewId() {
        idChanged = true;
        id = SessionIdGenerator.generate();
        // The cookie store never hashes: only server-side stores key sessions by the hash of the ID.
        key = cookieCodec == null ? SessionKey.ofSessionId(id) : null;
    }
}
