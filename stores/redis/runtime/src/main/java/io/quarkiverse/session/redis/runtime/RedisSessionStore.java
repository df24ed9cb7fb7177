package io.quarkiverse.session.redis.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import org.jboss.logging.Logger;

import io.quarkiverse.session.SessionStoreException;
import io.quarkiverse.session.runtime.store.VertxCall;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * Sessions in Redis, one hash per session under the key prefix followed by the hex of its {@link SessionKey} (see
 * {@link SessionHash}), each with the expiry of its deadline, so that Redis drops abandoned sessions by itself and
 * {@link #expire} has nothing to do.
 * <p>
 * Invariants: a load is one {@code HGETALL}, a create, an update or a delete one script, each one round trip; an update
 * writes only a live session, and only the fields it changes, so it never creates one and concurrent updates of
 * different keys all survive; a session being moved is marked dead before it is written under its new key, so no update
 * of the old key is lost or applied after the move, which therefore needs no multi-key command and works on Redis
 * Cluster, where the two keys live in different slots. Every request to Redis fails after {@link #timeout} without an
 * answer; nothing blocks the calling thread. Commands go out on the store's own few connections
 * ({@link ConnectionLanes}), never more than it was given.
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
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        return send(Request.cmd(Command.HGETALL).arg(redisKey(key)), hash -> SessionHash.toRecord(key, hash));
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return run(SessionScripts.CREATE, redisKey(key), SessionHash.createArguments(session), created -> {
            if (!isOne(created)) {
                throw new SessionStoreException("A session already exists under the new key " + key.shortHash());
            }
            return null;
        });
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return run(SessionScripts.UPDATE, redisKey(key), SessionHash.updateArguments(update), RedisSessionStore::isOne);
    }

    /**
     * Moves the session in three steps, none of which spans two keys: marks the old key dead and reads it (from then on
     * no update of it is applied and no load finds it), writes the session under the new key, deletes the old key. If
     * the new key cannot be written, the old one is brought back to life and the move fails; if that fails too, the
     * session is lost and its dead key expires within {@link #DEAD_KEY_LIFETIME}. A failure of the last step leaves the
     * dead key to expire in the same way: the move itself has succeeded.
     */
    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        String token = to.shortHash();
        return run(SessionScripts.TAKE, from, List.of(token, Long.toString(DEAD_KEY_LIFETIME.toMillis())))
                .flatMap(taken -> {
                    if (taken == null) {
                        return Uni.createFrom().item(false);
                    }
                    return run(SessionScripts.CREATE, to, SessionHash.moveArguments(from, taken))
                            .flatMap(created -> isOne(created) ? Uni.createFrom().item(true)
                                    : Uni.createFrom().failure(new SessionStoreException(
                                            "A session already exists under the new key " + to.shortHash())))
                            .onFailure().call(failure -> revive(from, token))
                            .call(() -> deleteDeadKey(from));
                });
    }

    private Uni<Response> revive(SessionKey from, String token) {
        return run(SessionScripts.REVIVE, from, List.of(token)).onFailure().recoverWithItem(failure -> {
            LOG.warnf("Session %s could not be moved to its new key, nor kept under its old one (%s): it is lost",
                    from.shortHash(), failure.getClass().getName());
            return null;
        });
    }

    private Uni<Void> deleteDeadKey(SessionKey from) {
        return send(Request.cmd(Command.DEL).arg(redisKey(from))).replaceWithVoid().onFailure()
                .recoverWithItem(failure -> {
                    LOG.debugf("The old key of session %s was not deleted after its move (%s); it expires by itself",
                            from.shortHash(), failure.getClass().getName());
                    return null;
                });
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return run(SessionScripts.DELETE, redisKey(key), List.of(), RedisSessionStore::isOne);
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

    private SessionStoreException timedOut() {
        connections.dropStalled();
        return new SessionStoreException(
                "Redis did not answer within " + timeout.toMillis() + " ms (quarkus.session.redis.timeout)");
    }

    private static boolean isOne(Response response) {
        return response != null && response.toLong() == 1L;
    }
}
