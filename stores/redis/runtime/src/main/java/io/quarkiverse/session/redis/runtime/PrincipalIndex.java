package io.quarkiverse.session.redis.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import io.quarkiverse.session.spi.SessionKey;

/**
 * The index of sessions by principal: one sorted set per principal, under the key prefix followed by
 * {@code principal:}, the 64 hex digits of the SHA-256 of the name (UTF-8) and {@code :sessions}. Its members are the
 * hex of the keys of the sessions bound to it, each scored with the latest deadline written for that session, in epoch
 * milliseconds; the set itself expires (PEXPIREAT) at its highest score.
 * <p>
 * Invariants, which make {@link RedisSessionStore#findByPrincipal} exact:
 * <ul>
 * <li>every live session bound to a principal is a member of its set once the write that bound it, or that last set
 * its deadline, has answered, with a score no earlier than the deadline its hash expires at: every write that binds a
 * session or sets the deadline of a bound one adds it with that deadline, and a score only ever rises;</li>
 * <li>a member leaves the set only when its session can no longer be alive: when its score has passed by Redis' own
 * clock ({@code TIME}, the clock of the hash's own expiry, so that an application server's clock does not matter), when
 * its session was deleted, or when it was moved to a new key. Session keys are never used twice, so none of these can
 * be undone;</li>
 * <li>the set expires no earlier than its longest-lived member: its expiry is set to its highest score by every script
 * that changes it.</li>
 * </ul>
 * A member may outlive its session's binding: a session rebound to another principal, or unbound, stays in the set of
 * its former principal until its score passes, since taking it out could race a rebinding back to that principal (which
 * adds it again) and lose it. Readers therefore check each member against its session, whose {@code principal} field
 * decides, and never remove a member for not finding its session: the script that adds a member may reach Redis
 * before the one that writes its session (they are sent together, and a script Redis does not know yet is sent again).
 * <p>
 * A sorted set rather than a plain set: the scores let every script drop the members of expired sessions without
 * looking at the sessions, which the rule above forbids; a plain set whose expiry follows its sessions would keep a
 * member for each session that expired by itself for as long as another session of the principal stays alive. The name is
 * hashed so that any name, however long, with glob characters, braces (a cluster hash tag),
 * quotes or any script, gives a key of the same shape; the key ends in a non-hex character, so it can never be taken
 * for the key of a session, of this prefix or any other. Every script touches this one key, so it works on Redis
 * Cluster, the set in its own slot.
 */
final class PrincipalIndex {

    /**
     * Adds a member with a deadline and removes another, for either of which an empty string means none; then drops
     * the members whose score has passed and sets the set's expiry to its highest score. {@code ARGV[1]}: the member to
     * add, {@code ARGV[2]}: its deadline, {@code ARGV[3]}: the member to remove. A score is never lowered: an update
     * that shortens a session's deadline leaves the set's expiry later than needed, which is harmless.
     */
    static final RedisScript CHANGE = new RedisScript("""
            if ARGV[1] ~= '' then
              local score = redis.call('ZSCORE', KEYS[1], ARGV[1])
              if not score or tonumber(score) < tonumber(ARGV[2]) then
                redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
              end
            end
            if ARGV[3] ~= '' then redis.call('ZREM', KEYS[1], ARGV[3]) end
            local now = redis.call('TIME')
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('(%.0f', now[1] * 1000 + math.floor(now[2] / 1000)))
            local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
            if last[2] then redis.call('PEXPIREAT', KEYS[1], last[2]) end
            return 1
            """);

    /**
     * Drops the members whose score has passed, then returns the others.
     */
    static final RedisScript MEMBERS = new RedisScript("""
            local now = redis.call('TIME')
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', string.format('(%.0f', now[1] * 1000 + math.floor(now[2] / 1000)))
            return redis.call('ZRANGE', KEYS[1], 0, -1)
            """);

    private final String keyPrefix;

    PrincipalIndex(String keyPrefix) {
        this.keyPrefix = keyPrefix;
    }

    /** The key of the set of a principal's sessions. */
    String key(String principal) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8));
            return keyPrefix + "principal:" + HexFormat.of().formatHex(hash) + ":sessions";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** The arguments of {@link #CHANGE} that add a session, or raise its score, to its deadline. */
    static List<Object> adding(SessionKey session, Instant deadline) {
        return List.of(session.toHex(), SessionHash.millis(deadline), "");
    }

    /** The arguments of {@link #CHANGE} that remove a session. */
    static List<Object> removing(SessionKey session) {
        return List.of("", "", session.toHex());
    }
}
