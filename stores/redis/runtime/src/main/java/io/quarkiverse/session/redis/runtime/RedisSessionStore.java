package io.quarkiverse.session.redis.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.store.VertxCall;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;

/**
 * Sessions in Redis, one hash per session under the key prefix followed by the hex of its {@link SessionKey} (see
 * {@link SessionHash}), each with the expiry of its deadline, so that Redis drops abandoned sessions by itself and
 * {@link #expire} has nothing to do.
 * <p>
 * Invariants: a load is one {@code HGETALL}, a create, an update or a delete of an unbound session one script, each one
 * round trip (see below for bound ones); an update
 * writes only a live session, and only the fields it changes, so it never creates one and concurrent updates of
 * different keys all survive; a session being moved is marked dead before it is written under its new key, so no update
 * of the old key is lost or applied after the move, which therefore needs no multi-key command and works on Redis
 * Cluster, where the two keys live in different slots. Every request to Redis fails after {@link #timeout} without an
 * answer; nothing blocks the calling thread. Commands go out on the store's own few connections
 * ({@link ConnectionLanes}), never more than it was given.
 * <p>
 * Sessions bound to a principal are also members of that principal's {@link PrincipalIndex}, kept by the writers: a
 * create, an update that binds a session or extends a bound one's deadline, and a move each send the index's script
 * right behind their own, on the same connection (no extra round trip); the update answers with the principal the
 * session actually has, and the index of that one is fixed up if it was another. A delete and a move take the old key
 * out of the index after the session's script has answered. The session's own {@code principal} field is the truth:
 * {@link #findByPrincipal} checks every member against it. An update, a load or a delete of an unbound session sends
 * exactly what it sent before principals existed.
 */
public final class RedisSessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(RedisSessionStore.class);
    /**
     * How long, at most, the old key of a session being moved outlives the move if the move fails half-way: long enough
     * to bring the session back when the new key cannot be written, short enough that a dead copy does not linger.
     */
    private static final Duration DEAD_KEY_LIFETIME = Duration.ofMinutes(1);

    private final ConnectionLanes connections;
    private final String keyPrefix;
    private final Duration timeout;
    private final SessionScan scan;
    private final PrincipalIndex index;

    /**
     * @param redis the client, standalone, sentinel or cluster
     * @param keyPrefix the start of every key the store writes
     * @param timeout how long each request to Redis may take
     * @param cluster whether {@code redis} is a Redis Cluster client: listing then scans every master node
     * @param connections how many connections of the client's pool the store keeps for itself
     */
    public RedisSessionStore(Redis redis, String keyPrefix, Duration timeout, boolean cluster, int connections) {
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.connections = new ConnectionLanes(Objects.requireNonNull(redis, "redis").getDelegate(), connections, timeout);
        this.scan = new SessionScan(this, keyPrefix, cluster);
        this.index = new PrincipalIndex(keyPrefix);
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        return send(Request.cmd(Command.HGETALL).arg(redisKey(key)), hash -> SessionHash.toRecord(key, hash));
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        List<Object> fields = SessionHash.createArguments(session);
        return call(() -> write(key, fields, session.principal(), session.expiresAt()));
    }

    /**
     * Writes a new session ({@link SessionScripts#CREATE}); a session bound to a principal is added to its index by a
     * script sent right behind it on the same connection, both in one round trip. Fails if anything is held under the
     * key. If the index could not be written, deletes the session it wrote and fails: no bound session lives outside its
     * index, and no client has been given its ID yet.
     */
    private Future<Void> write(SessionKey key, List<Object> fields, String principal, Instant deadline) {
        Future<Response> created = script(SessionScripts.CREATE, redisKey(key), fields);
        Future<Response> indexed = principal == null ? null
                : script(PrincipalIndex.CHANGE, index.key(principal), PrincipalIndex.adding(key, deadline));
        return created.compose(answer -> {
            if (!isOne(answer)) {
                // The member that went along names someone else's session: its session decides, at every read.
                return Future.failedFuture(
                        new SessionStoreException("A session already exists under the new key " + key.shortHash()));
            }
            if (indexed == null) {
                return Future.succeededFuture();
            }
            return indexed.<Void> mapEmpty().recover(failure -> command(Request.cmd(Command.DEL).arg(redisKey(key)))
                    .transform(ignored -> Future.failedFuture(failure)));
        });
    }

    /**
     * Applies the update with {@link SessionScripts#UPDATE}. When the writer believes the session bound, and the update
     * sets its deadline, a script sent right behind it on the same connection adds it to that principal's index with the
     * new deadline; the update answers with the principal it actually has, and if that is another one (a concurrent
     * rebinding), the session is added to that one's index after the answer. An update of an unbound session is one
     * command, as before principals.
     */
    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        List<Object> changes = SessionHash.updateArguments(update);
        boolean indexAlong = update.principal() != null && update.expiresAt() != null;
        return call(() -> {
            Future<Response> updated = script(SessionScripts.UPDATE, redisKey(key), changes);
            Future<Response> indexed = indexAlong
                    ? script(PrincipalIndex.CHANGE, index.key(update.principal()),
                            PrincipalIndex.adding(key, update.expiresAt()))
                    : null;
            return updated.compose(answer -> reindex(key, update, answer, indexed));
        });
    }

    /**
     * After an update has answered: makes sure the principal the session has (after it) lists it with its deadline.
     * Nothing to do for an unbound session, nor for a bound one whose deadline this update kept (it was listed with it
     * when it was written), nor when the script sent along did it. A member that script added to a session that turns
     * out to have another principal, or none, stays until its score passes and is never returned.
     */
    private Future<Boolean> reindex(SessionKey key, SessionUpdate update, Response updated, Future<Response> indexed) {
        if (updated.type() != ResponseType.MULTI) {
            return Future.succeededFuture(false);
        }
        Response bound = updated.get(0);
        if (bound == null || !update.rebinds() && update.expiresAt() == null) {
            return Future.succeededFuture(true);
        }
        String principal = bound.toString();
        Future<Response> done = indexed != null && principal.equals(update.principal()) ? indexed
                : script(PrincipalIndex.CHANGE, index.key(principal),
                        PrincipalIndex.adding(key, Instant.ofEpochMilli(updated.get(1).toLong())));
        return done.map(true);
    }

    /**
     * Moves the session in three steps, none of which spans two keys: marks the old key dead and reads it (from then on
     * no update of it is applied and no load finds it), writes the session under the new key (and, if it is bound, adds
     * the new key to its principal's index, see {@link #write}), deletes the old key and takes it out of the index. If
     * the new key cannot be written, the old one is brought back to life and the move fails; if that fails too, the
     * session is lost and its dead key expires within {@link #DEAD_KEY_LIFETIME}. A failure of the last step leaves the
     * dead key to expire in the same way, and its member in the index to leave at its score: the move itself has
     * succeeded.
     */
    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        String token = to.shortHash();
        return run(SessionScripts.TAKE, from, List.of(token, Long.toString(DEAD_KEY_LIFETIME.toMillis())))
                .flatMap(taken -> {
                    if (taken == null) {
                        return Uni.createFrom().item(false);
                    }
                    String principal = SessionHash.principal(taken);
                    List<Object> fields = SessionHash.moveArguments(from, taken);
                    Instant deadline = SessionHash.deadline(from, taken);
                    return call(() -> write(to, fields, principal, deadline))
                            .onFailure().call(failure -> revive(from, token))
                            .call(() -> forgetOldKey(from, principal))
                            .replaceWith(true);
                });
    }

    private Uni<Response> revive(SessionKey from, String token) {
        return run(SessionScripts.REVIVE, from, List.of(token)).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Session %s could not be moved to its new key, nor kept under its old one (%s): it is lost",
                    from.shortHash(), failure.getClass().getName());
            return null;
        });
    }

    /**
     * Deletes the dead old key of a moved session and, if it is bound, takes it out of its principal's index, both sent
     * at once: it can never come back to life, since the move has succeeded.
     */
    private Uni<Void> forgetOldKey(SessionKey from, String principal) {
        return this.<Void> call(() -> {
            Future<Response> deleted = command(Request.cmd(Command.DEL).arg(redisKey(from)));
            Future<Response> unindexed = principal == null ? Future.succeededFuture()
                    : script(PrincipalIndex.CHANGE, index.key(principal), PrincipalIndex.removing(from));
            return Future.join(deleted, unindexed).mapEmpty();
        }).onFailure().recoverWithItem(failure -> {
            LOG.debugf("The old key of session %s was not deleted after its move, or not taken out of its principal's"
                    + " index (%s); both expire by themselves", from.shortHash(), failure.getClass().getName());
            return null;
        });
    }

    /**
     * Deletes the session ({@link SessionScripts#DELETE}, which answers with its principal), then takes it out of its
     * principal's index: it can never come back to life. If that second step fails, the member stays until its score
     * passes, and is never returned.
     */
    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return call(() -> script(SessionScripts.DELETE, redisKey(key), List.of()).compose(deleted -> {
            boolean live = deleted.get(0).toLong() == 1L;
            Response principal = deleted.get(1);
            if (principal == null) {
                return Future.succeededFuture(live);
            }
            return script(PrincipalIndex.CHANGE, index.key(principal.toString()), PrincipalIndex.removing(key))
                    .transform(removed -> {
                        if (removed.failed()) {
                            LOG.debugf("Deleted session %s was not taken out of its principal's index (%s)",
                                    key.shortHash(), removed.cause().getClass().getName());
                        }
                        return Future.succeededFuture(live);
                    });
        }));
    }

    /**
     * Reads the principal's index ({@link PrincipalIndex#MEMBERS}, which first drops the members whose score has
     * passed), then loads every member at once (pipelined) and keeps those that exist and are bound to this principal:
     * the session's own {@code principal} field decides, so a member left by a rebinding, a failed removal or a write
     * that did not happen is never returned. No member is removed for not being found: its session may be being
     * written right now (see {@link #write}).
     */
    @Override
    public Uni<List<SessionEntry>> findByPrincipal(String principal) {
        Objects.requireNonNull(principal, "principal");
        return run(PrincipalIndex.MEMBERS, index.key(principal), List.of()).flatMap(members -> {
            List<Uni<SessionEntry>> loads = new ArrayList<>(members == null ? 0 : members.size());
            for (int i = 0; members != null && i < members.size(); i++) {
                String hex = members.get(i).toString();
                if (hex.length() != 64 || !hex.chars().allMatch(HexFormat::isHexDigit)) {
                    continue; // not written by this store
                }
                SessionKey key = SessionKey.ofHex(hex);
                loads.add(load(key).map(record -> record != null && principal.equals(record.principal())
                        ? new SessionEntry(key, record)
                        : null));
            }
            if (loads.isEmpty()) {
                return Uni.createFrom().item(List.of());
            }
            return Uni.join().all(loads).andFailFast().map(all -> all.stream().filter(Objects::nonNull).toList());
        });
    }

    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        return scan.page(cursor, limit);
    }

    /**
     * Walks the sessions' keys with {@code SCAN} (on a cluster, every master in turn) and deletes each with the same
     * script as {@link #delete}, one key per command: no command spans two slots, and only live sessions are counted.
     */
    @Override
    public Uni<Integer> deleteAll() {
        return scan.deleteAll();
    }

    // expire(now) is the interface's default: Redis expires every session key at its deadline.

    /**
     * {@code PING}: on a cluster, to the node the client picks.
     */
    @Override
    public Uni<Void> ping() {
        return send(Request.cmd(Command.PING)).replaceWithVoid();
    }

    /**
     * Gives the store's connections back to the client's pool. The application's store needs no call: its client closes
     * them at shutdown. For code that creates stores of its own on a client that outlives them, such as tests.
     */
    public void close() {
        connections.close();
    }

    String redisKey(SessionKey key) {
        return keyPrefix + key.toHex();
    }

    /**
     * Sends one command, bounded by the timeout.
     */
    Uni<Response> send(Request request) {
        return send(request, Function.identity());
    }

    /**
     * Sends one command, bounded by the timeout, and turns its answer into the result.
     */
    <T> Uni<T> send(Request request, Function<Response, T> result) {
        return new VertxCall<>(() -> connections.send(request.getDelegate()),
                answer -> result.apply(Response.newInstance(answer)), timeout, this::timedOut);
    }

    Uni<Response> run(RedisScript script, SessionKey key, List<Object> args) {
        return run(script, redisKey(key), args);
    }

    /**
     * Runs a script on a key, bounded by the timeout.
     */
    Uni<Response> run(RedisScript script, String redisKey, List<Object> args) {
        return run(script, redisKey, args, Function.identity());
    }

    /**
     * Runs a script on a key, bounded by the timeout, and turns its answer into the result.
     */
    <T> Uni<T> run(RedisScript script, String redisKey, List<Object> args, Function<Response, T> result) {
        return new VertxCall<>(() -> script.run(connections::send, redisKey, args),
                answer -> result.apply(Response.newInstance(answer)), timeout, this::timedOut);
    }

    /**
     * A call made of one or more commands, composed as Vert.x futures, bounded as a whole by the timeout.
     */
    <T> Uni<T> call(Supplier<Future<T>> commands) {
        return new VertxCall<>(commands, Function.identity(), timeout, this::timedOut);
    }

    /**
     * Sends one command now, on the connection of the calling thread: commands sent one after the other without
     * waiting go out on the same connection, in that order (pipelined).
     */
    private Future<Response> command(Request request) {
        return connections.send(request.getDelegate()).map(Response::newInstance);
    }

    /**
     * Runs a script on a key now, as {@link #command} sends a command.
     */
    private Future<Response> script(RedisScript script, String redisKey, List<Object> args) {
        return script.run(connections::send, redisKey, args).map(Response::newInstance);
    }

    private SessionStoreException timedOut() {
        connections.dropStalled();
        return new SessionStoreException(
                "Redis did not answer within " + timeout.toMillis() + " ms (quarkus.session.redis.timeout)");
    }

    private static boolean isOne(Response response) {
        return response != null && response.toLong() == 1L;
    }
}
