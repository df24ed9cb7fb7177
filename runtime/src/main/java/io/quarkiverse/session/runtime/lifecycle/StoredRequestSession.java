package io.quarkiverse.session.runtime.lifecycle;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.http.IdSourceChain;
import io.quarkiverse.session.runtime.metrics.RejectionReason;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionUpdate;
import io.vertx.ext.web.RoutingContext;

/**
 * The session of a request, held by a server-side store under the hash of its ID.
 * <p>
 * Invariants: the store is only asked with the key of a well-formed ID; a session that exists is only ever updated,
 * never created again, so that a save racing a logout or a regeneration is refused by the store; a regenerated session
 * is moved to its new key before it is updated there.
 */
final class StoredRequestSession extends RequestSession {

    private static final Logger LOG = Logger.getLogger(StoredRequestSession.class);
    private static final CompletableFuture<Boolean> NOT_MOVED = CompletableFuture.completedFuture(false);

    /** The key of the current ID; {@code null} while the session has none. */
    private SessionKey key;
    /** The key the session is stored under now; differs from {@link #key} after a regeneration, null if not stored. */
    private SessionKey storedKey;
    /** A stored session this request ended, to delete at the end. */
    private SessionKey endedKey;

    StoredRequestSession(SessionLifecycle lifecycle, RoutingContext request) {
        super(lifecycle, request);
    }

    @Override
    public CompletableFuture<Void> resolveAsync() {
        if (resolved) {
            return DONE;
        }
        IdSourceChain sources = lifecycle.idSources();
        String sent = sources.read(request, lifecycle.ids().format(), 0);
        if (sent == null) {
            if (sources.anyValue(request) != null) {
                LOG.debug("Ignoring a malformed session ID");
                lifecycle.metrics().rejected(RejectionReason.MALFORMED);
            }
            resolveAsNew(null);
            return DONE;
        }
        return load(sent, sent, 0);
    }

    /**
     * Loads the session of one well-formed value the client sent; if there is none, tries the next value of the same
     * source (a cookie sent twice), a few at most, and otherwise resolves as a new session.
     *
     * @param first the first well-formed value sent, which a new session replaces at the client
     */
    private CompletableFuture<Void> load(String first, String sent, int skip) {
        SessionKey sentKey = SessionKey.ofSessionId(sent);
        return lifecycle.loadSent(sentKey).thenCompose(record -> {
            if (resolved) {
                return DONE;
            }
            if (record != null) {
                key = sentKey;
                storedKey = sentKey;
                resolveAsExisting(sent, sent, record.createdAt(), record.lastAccessedAt(), record.idleTimeout(),
                        record.values(), record.principal());
                return DONE;
            }
            String next = skip + 1 < IdSourceChain.MAX_CANDIDATES
                    ? lifecycle.idSources().read(request, lifecycle.ids().format(), skip + 1)
                    : null;
            if (next != null) {
                return load(first, next, skip + 1);
            }
            resolveAsNew(first);
            return DONE;
        });
    }

    @Override
    protected CompletableFuture<Void> save(Instant now) {
        CompletableFuture<Boolean> deleteEnded = endedKey == null ? null : lifecycle.delete(endedKey);
        if (storedKey != null && isUnchangedRecentUse(now)) {
            return DONE;
        }
        if (storedKey != null) {
            return saveExisting(now, deleteEnded);
        }
        if (isWorthStoring()) {
            if (id == null) {
                assignNewId();
            }
            SessionRecord record = new SessionRecord(createdAt, now, idleOverride,
                    lifecycle.expiresAt(createdAt, now, idleOverride), Map.copyOf(values.puts()), principal);
            SessionKey newKey = key;
            return after(deleteEnded, () -> lifecycle.create(newKey, record)).thenRun(this::writeId);
        }
        return (deleteEnded == null ? DONE : deleteEnded).thenRun(() -> {
            if (sentId != null || endedKey != null) {
                clearId();
            }
        });
    }

    private CompletableFuture<Void> saveExisting(Instant now, CompletableFuture<Boolean> deleteEnded) {
        SessionKey from = storedKey;
        SessionKey to = key;
        SessionUpdate update = lifecycle.changesOf(now, createdAt, lastAccessedAt, idleOverride, idleOverrideChanged,
                values, principal, principalChanged);
        CompletableFuture<Boolean> saved = from.equals(to)
                ? after(deleteEnded, () -> lifecycle.update(to, update))
                : after(deleteEnded, () -> lifecycle.changeKey(from, to))
                        .thenCompose(moved -> moved ? lifecycle.update(to, update) : NOT_MOVED);
        return saved.thenAccept(stillExists -> {
            if (stillExists) {
                if (clientIdNeedsRefresh(now)) {
                    writeId();
                }
            } else {
                // Destroyed or regenerated by a concurrent request: the late save was refused, as it must be.
                LOG.debugf("Session %s ended during this request; its changes were dropped", from.shortHash());
                clearId();
            }
        });
    }

    private static <T> CompletableFuture<T> after(CompletableFuture<?> first, Supplier<CompletableFuture<T>> next) {
        return first == null ? next.get() : first.thenCompose(ignored -> next.get());
    }

    /**
     * Whether a saved session's ID must be sent again. The client holds it already unless the ID or the idle timeout
     * (the cookie's Max-Age) changed; an ID that expires at the client is also sent once per
     * {@link SessionLifecycle#touchGranularity} period, so its expiry there moves with the session's: it was sent in the
     * period of the last recorded use, so the client drops it at most one period before the session would expire, the
     * same slack as for recording reads. An ID the client sent only in a read-only source is not sent again.
     */
    private boolean clientIdNeedsRefresh(Instant now) {
        if (idChanged || loadedWith == null || !loadedWith.equals(id)) {
            return true;
        }
        boolean periodic = false;
        if (lifecycle.idSources().expiresAtClient()) {
            long period = lifecycle.touchGranularity(idleOverride).toMillis();
            periodic = Math.floorDiv(now.toEpochMilli(), period) != Math.floorDiv(lastAccessedAt.toEpochMilli(), period);
        }
        // The same ID again: only where the client keeps it, never copied from a URL or a form into a cookie.
        return (idleOverrideChanged || periodic) && lifecycle.idSources().heldInWritableSource(request, id);
    }

    /**
     * The save is under way and the headers leave now: the ID the session will be saved under is sent with them.
     */
    @Override
    protected void beforeHeadersWhileSaving() {
        if (storedKey != null) {
            if (clientIdNeedsRefresh(lifecycle.now())) {
                writeId();
            }
        } else if (key != null && isWorthStoring()) {
            writeId();
        } else if (sentId != null || endedKey != null) {
            clearId();
        }
    }

    /**
     * A new session is stored once it holds something: a value, a bean that lives in it, or a login.
     */
    private boolean isWorthStoring() {
        return !values.puts().isEmpty() || retained || principal != null;
    }

    @Override
    public boolean holds(SessionKey candidate) {
        return candidate.equals(key) || candidate.equals(storedKey);
    }

    @Override
    protected void onNewId() {
        key = SessionKey.ofSessionId(id);
    }

    @Override
    protected void onStartOver() {
        if (storedKey != null) {
            endedKey = storedKey;
            storedKey = null;
        }
        key = null;
    }
}
