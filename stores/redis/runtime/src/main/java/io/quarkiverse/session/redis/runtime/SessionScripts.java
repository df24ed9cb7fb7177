package io.quarkiverse.session.redis.runtime;

/**
 * The Lua scripts of the store, each run atomically on one session hash (see {@link SessionHash} for its fields).
 * <p>
 * A live session has an {@code expires} field and no {@code dead} field; every script treats any other hash as no
 * session. Arguments are spread over {@code HSET} and {@code HDEL} calls of at most 1000 arguments each, within Lua's
 * limit on the arguments of one call. Every write that sets a deadline also sets the key's expiry to it
 * ({@code PEXPIREAT}), so that Redis drops an abandoned session by itself; a deadline already past deletes the key.
 */
final class SessionScripts {

    /**
     * Writes a new session. {@code ARGV[1]}: the deadline, in epoch milliseconds; then field and value pairs. Refuses,
     * returning 0, if anything exists under the key: a new session is never written over a live one, nor over a
     * session being moved.
     */
    static final RedisScript CREATE = new RedisScript("""
            if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
            for i = 2, #ARGV, 1000 do
              redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
            end
            redis.call('PEXPIREAT', KEYS[1], ARGV[1])
            return 1
            """);

    /**
     * Applies a request's changes to a live session, and only to a live one: returns 0 without writing anything if the
     * key holds no session or a dead one, else the session's principal (nil if it is bound to none) and deadline once
     * changed, for the {@linkplain PrincipalIndex index} to follow them. {@code ARGV[1]}: the new deadline, or an empty
     * string to keep the key's expiry; {@code ARGV[2]}: the number of arguments that follow as field and value pairs to
     * set; then the fields to delete.
     */
    static final RedisScript UPDATE = new RedisScript("""
            local state = redis.call('HMGET', KEYS[1], 'expires', 'dead')
            if not state[1] or state[2] then return 0 end
            local last = 2 + tonumber(ARGV[2])
            for i = 3, last, 1000 do
              redis.call('HSET', KEYS[1], unpack(ARGV, i, math.min(i + 999, last)))
            end
            for i = last + 1, #ARGV, 1000 do
              redis.call('HDEL', KEYS[1], unpack(ARGV, i, math.min(i + 999, #ARGV)))
            end
            if ARGV[1] ~= '' then redis.call('PEXPIREAT', KEYS[1], ARGV[1]) end
            return redis.call('HMGET', KEYS[1], 'principal', 'expires')
            """);

    /**
     * The first step of a change of key: marks a live session dead, with a token ({@code ARGV[1]}), so that no update
     * can write it any more and no load finds it, shortens its expiry to at most {@code ARGV[2]} milliseconds, and
     * returns its fields. Returns nil if the key holds no live session.
     */
    static final RedisScript TAKE = new RedisScript("""
            local state = redis.call('HMGET', KEYS[1], 'expires', 'dead')
            if not state[1] or state[2] then return false end
            redis.call('HSET', KEYS[1], 'dead', ARGV[1])
            local ttl = redis.call('PTTL', KEYS[1])
            if ttl < 0 or ttl > tonumber(ARGV[2]) then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
            return redis.call('HGETALL', KEYS[1])
            """);

    /**
     * Undoes {@link #TAKE} when the session could not be written under its new key: brings the session back to life if
     * it is still marked dead with this token ({@code ARGV[1]}), with the expiry of its deadline again. Returns 1 if it
     * did.
     */
    static final RedisScript REVIVE = new RedisScript("""
            if redis.call('HGET', KEYS[1], 'dead') ~= ARGV[1] then return 0 end
            redis.call('HDEL', KEYS[1], 'dead')
            redis.call('PEXPIREAT', KEYS[1], redis.call('HGET', KEYS[1], 'expires'))
            return 1
            """);

    /**
     * Deletes whatever is under the key; returns 1 if it was a live session, else 0, and the principal it was bound to
     * (nil if none), for the {@linkplain PrincipalIndex index} to forget it.
     */
    static final RedisScript DELETE = new RedisScript("""
            local state = redis.call('HMGET', KEYS[1], 'expires', 'dead', 'principal')
            redis.call('DEL', KEYS[1])
            local live = 0
            if state[1] and not state[2] then live = 1 end
            return {live, state[3]}
            """);

    private SessionScripts() {
    }
}
