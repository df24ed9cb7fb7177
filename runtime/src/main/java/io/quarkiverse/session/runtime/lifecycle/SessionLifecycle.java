package io.quarkiverse.session.runtime.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkiverse.session.SessionEvent;
import io.quarkiverse.session.SessionIdFactory;
import io.quarkiverse.session.SessionIdSource;
import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.http.IdSourceChain;
import io.quarkiverse.session.runtime.http.IdSourceNotation;
import io.quarkiverse.session.runtime.metrics.RejectionReason;
import io.quarkiverse.session.runtime.metrics.SessionMeters;
import io.quarkiverse.session.runtime.metrics.SessionMetrics;
import io.quarkiverse.session.runtime.store.StoreSelection;
import io.quarkiverse.session.runtime.values.SessionValueChanges;
import io.quarkiverse.session.runtime.values.SessionValueCodec;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * What every session, in a request or loaded by ID, goes through: server-side expiry, the encoding of values, the ID
 * source, the IDs of new sessions, and the calls to the store, whose failures become {@link SessionStoreException}s.
 * <p>
 * It does not know which store it talks to: where a request's session is held between requests is the
 * {@link SessionHolder}'s business; the store brings its own holder when it keeps sessions at the client.
 * <p>
 * What happens to stored sessions is reported to the {@link SessionMetrics} and the {@link SessionEvents} here, where
 * the store's answers arrive: each event once, when the store confirmed it.
 */
@Singleton
public class SessionLifecycle {

    private static final Logger LOG = Logger.getLogger(SessionLifecycle.class);
    private static final Duration MAX_TOUCH_GRANULARITY = Duration.ofMinutes(1);

    private final StoreCalls calls;
    private final String storeName;
    private final SessionMetrics metrics;
    private final SessionEvents events;
    private final SessionHolder holder;
    private final SessionValueCodec codec;
    private final IdSourceChain idSources;
    private final SessionIds ids;
    private final Duration idleTimeout;
    /** {@link #touchGranularity} of sessions with the configured idle timeout, computed once: it is asked per request. */
    private final Duration defaultTouchGranularity;
    private final Optional<Duration> absoluteTimeout;

    @Inject
    SessionLifecycle(InjectableInstance<SessionStore> stores, ObjectMapper mapper, SessionConfig config,
            Instance<SessionMeters> meters, Instance<SessionIdSource> applicationSources, Event<SessionEvent> event,
            BeanManager beans, InjectableInstance<SessionIdFactory> idFactories,
            Instance<SessionKeyListener> keyListeners) {
        SessionStore store = stores.get();
        // An application's own store bean replaces the selected one, which is a default bean.
        this.storeName = stores.getHandle().getBean().isDefaultBean() ? StoreSelection.selected() : "custom";
        this.metrics = config.metrics().enabled() && meters.isResolvable() ? meters.get().forStore(storeName, store)
                : SessionMetrics.NONE;
        this.events = SessionEvents.of(event, beans, keyListeners.stream().toList());
        this.calls = new StoreCalls(store, config.storeTimeout(), metrics);
        this.holder = store instanceof SessionHolder own ? own : new StoredSessionHolder(calls.answersImmediately());
        this.codec = new SessionValueCodec(mapper, config.maxSize().asLongValue());
        this.idSources = IdSourceNotation.parse(config.idSources(), config.cookie(),
                applicationSources.stream().toList());
        if (store instanceof SessionHolder && !idSources.readOnlySources().isEmpty()) {
            // The client holds the whole session in the ID's value: a source that is never written to would freeze it.
            throw new ConfigurationException("Invalid " + IdSourceNotation.PROPERTY + ": the " + storeName + " store "
                    + "keeps the whole session in the value of the ID source, so it needs sources that write back "
                    + "(cookie, header, or an application source that writes back); remove "
                    + idSources.readOnlySources() + ", or choose a store that keeps sessions on the server",
                    Set.of(IdSourceNotation.PROPERTY));
        }
        // An application's factory is checked here, at startup: one that breaks the rules fails it, naming the bean.
        this.ids = SessionIds.of(idFactories);
        this.idleTimeout = config.idleTimeout();
        this.defaultTouchGranularity = touchGranularityOf(idleTimeout);
        this.absoluteTimeout = config.absoluteTimeout();
    }

    /**
     * Starts the session of a request: nothing is read or loaded before the application uses it.
     */
    public RequestSession open(RoutingContext request) {
        return holder.open(this, request);
    }

    public SessionValueCodec codec() {
        return codec;
    }

    public IdSourceChain idSources() {
        return idSources;
    }

    /**
     * Where new IDs come from, and which IDs clients may send.
     */
    public SessionIds ids() {
        return ids;
    }

    public SessionMetrics metrics() {
        return metrics;
    }

    public SessionEvents events() {
        return events;
    }

    /**
     * The name of the store in use, as selected by {@code quarkus.session.store}, or {@code custom} for an application's
     * own store bean.
     */
    public String storeName() {
        return storeName;
    }

    /**
     * Succeeds if the store can serve requests now, within the store timeout.
     */
    public Uni<Void> pingStore() {
        return calls.ping();
    }

    public Instant now() {
        // Stores keep milliseconds; and unlike Clock.instant(), currentTimeMillis is an intrinsic, not a native call.
        return Instant.ofEpochMilli(System.currentTimeMillis());
    }

    /**
     * How often a session that is only read records its use: a twentieth of its idle timeout, at most a minute.
     */
    public Duration touchGranularity(Duration idleOverride) {
        return idleOverride == null ? defaultTouchGranularity : touchGranularityOf(idleOverride);
    }

    private static Duration touchGranularityOf(Duration idleTimeout) {
        Duration twentieth = Duration.ofMillis(Math.max(1, idleTimeout.toMillis() / 20));
        return twentieth.compareTo(MAX_TOUCH_GRANULARITY) > 0 ? MAX_TOUCH_GRANULARITY : twentieth;
    }

    /**
     * Checks a per-session idle timeout, as set through {@code Session} or {@code DetachedSession}.
     */
    public static void checkIdleTimeout(Duration idleTimeout) {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isZero() || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("A session idle timeout must be positive, got " + idleTimeout);
        }
    }

    private Duration idleTimeoutOf(Duration override) {
        return override != null ? override : idleTimeout;
    }

    /**
     * The moment a session expires if it is not used again: the earlier of its idle and absolute deadlines.
     */
    public Instant expiresAt(Instant createdAt, Instant lastAccessedAt, Duration idleOverride) {
        Instant idleDeadline = lastAccessedAt.plus(idleTimeoutOf(idleOverride));
        if (absoluteTimeout.isPresent()) {
            Instant absoluteDeadline = createdAt.plus(absoluteTimeout.get());
            return absoluteDeadline.isBefore(idleDeadline) ? absoluteDeadline : idleDeadline;
        }
        return idleDeadline;
    }

    /**
     * Whether the session of a request can be loaded on first use, on any thread: the store answers at once (memory),
     * or the client holds the session (cookie). Then nothing needs to be loaded before an event-loop endpoint.
     */
    boolean answersImmediately() {
        return holder.answersImmediately();
    }

    /**
     * Whether sessions are held by a server-side store, found by the ID the client sends, rather than by the client
     * itself (the cookie store): only then can code outside a request, such as a WebSocket, load and save them by ID.
     */
    public boolean storesSessionsOnServer() {
        return holder instanceof StoredSessionHolder;
    }

    /**
     * Loads a session; an expired one is treated as absent, whatever the store returned, since the configured
     * timeouts may be shorter than the ones the session was stored with, and is deleted.
     */
    CompletableFuture<SessionRecord> load(SessionKey key) {
        return load(key, false);
    }

    /**
     * Loads the session whose ID a request carried, as {@link #load(SessionKey)}; one that is not found or has expired
     * counts as a rejected ID.
     */
    CompletableFuture<SessionRecord> loadSent(SessionKey key) {
        return load(key, true);
    }

    private CompletableFuture<SessionRecord> load(SessionKey key, boolean sentByClient) {
        CompletableFuture<SessionRecord> loading = calls.load(key);
        if (loading.isDone() && !loading.isCompletedExceptionally()) {
            SessionRecord record = loading.join();
            SessionRecord live = live(key, record, sentByClient);
            return live == record ? loading : CompletableFuture.completedFuture(null);
        }
        return loading.thenApply(record -> live(key, record, sentByClient));
    }

    private SessionRecord live(SessionKey key, SessionRecord record, boolean sentByClient) {
        if (record == null) {
            if (sentByClient) {
                metrics.rejected(RejectionReason.UNKNOWN);
            }
            return null;
        }
        Instant now = now();
        if (record.isExpiredAt(now)
                || !now.isBefore(expiresAt(record.createdAt(), record.lastAccessedAt(), record.idleTimeout()))) {
            LOG.debugf("Session %s has expired", key.shortHash());
            if (sentByClient) {
                metrics.rejected(RejectionReason.EXPIRED);
            }
            deleteExpired(key);
            return null;
        }
        return record;
    }

    /**
     * Deletes a session found expired, without waiting: it is dead either way, and counts as expired only if this
     * delete, and not a concurrent one or the sweep, removed it.
     */
    private void deleteExpired(SessionKey key) {
        calls.delete(key).whenComplete((deleted, failure) -> {
            if (failure != null) {
                LOG.debugf("Failed to delete expired session %s (%s)", key.shortHash(), failure.getClass().getName());
            } else if (deleted) {
                metrics.expired(1);
                events.expired(key);
            }
        });
    }

    /**
     * Deletes the sessions that have expired by {@code now}, for stores that cannot expire them by themselves.
     */
    public Uni<Integer> sweepExpired(Instant now) {
        return calls.expire(now).invoke(metrics::expired);
    }

    /**
     * Deletes every session of the store, for tools and tests; each counts as destroyed. Bounded by a deadline of its own
     * (see {@link StoreCalls#deleteAll}), not by the store timeout.
     */
    public Uni<Integer> deleteAll() {
        return calls.deleteAll().invoke(count -> {
            metrics.destroyed(count);
            events.allDestroyed();
        });
    }

    /**
     * Finds the sessions of a principal that are alive: expired ones the store still holds are dropped, and deleted as a
     * load would, and so is anything a faulty store returns for another principal.
     */
    public Uni<List<SessionEntry>> findByPrincipal(String principal) {
        return calls.findByPrincipal(principal).map(entries -> {
            List<SessionEntry> alive = new ArrayList<>(entries.size());
            for (SessionEntry entry : entries) {
                if (principal.equals(entry.record().principal()) && live(entry.key(), entry.record(), false) != null) {
                    alive.add(entry);
                }
            }
            return alive;
        });
    }

    /**
     * Whether a session with these times has expired by now, under the configured timeouts.
     */
    public boolean isExpired(Instant createdAt, Instant lastAccessedAt, Duration idleOverride) {
        return !now().isBefore(expiresAt(createdAt, lastAccessedAt, idleOverride));
    }

    CompletableFuture<Void> create(SessionKey key, SessionRecord record) {
        return reported(calls.create(key, record), ignored -> {
            metrics.created();
            metrics.saved(sizeOf(record.values()));
            events.created(key);
        });
    }

    CompletableFuture<Boolean> update(SessionKey key, SessionUpdate update) {
        CompletableFuture<Boolean> updating = calls.update(key, update);
        return update.puts().isEmpty() ? updating : reported(updating, updated -> {
            if (updated) {
                metrics.saved(sizeOf(update.puts()));
            }
        });
    }

    CompletableFuture<Boolean> changeKey(SessionKey from, SessionKey to) {
        return reported(calls.changeKey(from, to), moved -> {
            if (moved) {
                metrics.regenerated();
                events.idChanged(from, to);
            }
        });
    }

    /**
     * Deletes a session the application ended.
     */
    CompletableFuture<Boolean> delete(SessionKey key) {
        return reported(calls.delete(key), deleted -> {
            if (deleted) {
                metrics.destroyed();
                events.destroyed(key);
            }
        });
    }

    /**
     * Loads a session that a tool knows only by its key, such as the Dev UI, which lists sessions by key: as a request
     * would, so an expired session is absent (and deleted).
     */
    public Uni<SessionRecord> loadByKey(SessionKey key) {
        return Uni.createFrom().completionStage(() -> load(key));
    }

    /**
     * Deletes a session that a tool knows only by its key, such as the Dev UI: as the application's destroy does, so it
     * counts as destroyed in the metrics and fires a destroyed event.
     */
    public Uni<Boolean> deleteByKey(SessionKey key) {
        return Uni.createFrom().completionStage(() -> delete(key));
    }

    /**
     * Reports the result of a store call to the metrics and the events once it succeeded: at once if it has, without a
     * new stage; not at all, and at no cost, when nothing measures or observes.
     */
    private <T> CompletableFuture<T> reported(CompletableFuture<T> call, Consumer<T> report) {
        if (metrics == SessionMetrics.NONE && !events.isObserved()) {
            return call;
        }
        if (call.isDone() && !call.isCompletedExceptionally()) {
            report.accept(call.join());
            return call;
        }
        return call.whenComplete((result, failure) -> {
            if (failure == null) {
                report.accept(result);
            }
        });
    }

    private static long sizeOf(Map<String, byte[]> values) {
        long bytes = 0;
        for (byte[] value : values.values()) {
            bytes += value.length;
        }
        return bytes;
    }

    /**
     * The changes to send to the store for a session that exists there: the values a request or a detached session
     * changed, and its times.
     *
     * @param usedAt when the session's user used it, recorded as its last access; {@code null} for a change that is not
     *        user activity (a save by ID from background work), which keeps the stored times unless the idle timeout
     *        changed
     * @param principal the principal the session is bound to after the change
     * @param rebinds whether the change binds it to {@code principal}
     */
    SessionUpdate changesOf(Instant usedAt, Instant createdAt, Instant lastAccessedAt, Duration idleOverride,
            boolean idleOverrideChanged, SessionValueChanges values, String principal, boolean rebinds) {
        Instant expiresAt = usedAt != null ? expiresAt(createdAt, usedAt, idleOverride)
                : idleOverrideChanged ? expiresAt(createdAt, lastAccessedAt, idleOverride) : null;
        return new SessionUpdate(usedAt, idleOverrideChanged ? idleOverride : null, expiresAt, values.puts(),
                values.removals(), principal, rebinds);
    }
}
