package io.quarkiverse.session.runtime.lifecycle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.util.TypeLiteral;

import io.quarkiverse.session.DetachedSession;
import io.quarkiverse.session.runtime.values.SessionValueChanges;
import io.quarkiverse.session.runtime.values.SessionValueCodec;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;

public final class DetachedSessionImpl implements DetachedSession {

    private final String id;
    private final SessionKey key;
    private final SessionRecord record;
    private final SessionValueChanges values;
    private Duration idleOverride;
    private boolean idleOverrideChanged;

    DetachedSessionImpl(String id, SessionKey key, SessionRecord record, SessionValueCodec codec) {
        this.id = id;
        this.key = key;
        this.record = record;
        this.values = new SessionValueChanges(codec, record.values());
        this.idleOverride = record.idleTimeout();
    }

    SessionKey key() {
        return key;
    }

    SessionValueChanges values() {
        return values;
    }

    Duration idleOverride() {
        return idleOverride;
    }

    boolean idleOverrideChanged() {
        return idleOverrideChanged;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String handle() {
        return key.toHex();
    }

    @Override
    public Optional<String> principal() {
        return Optional.ofNullable(record.principal());
    }

    String storedPrincipal() {
        return record.principal();
    }

    @Override
    public Instant createdAt() {
        return record.createdAt();
    }

    @Override
    public Instant lastAccessedAt() {
        return record.lastAccessedAt();
    }

    @Override
    public void setIdleTimeout(Duration idleTimeout) {
        SessionLifecycle.checkIdleTimeout(idleTimeout);
        this.idleOverride = idleTimeout;
        this.idleOverrideChanged = true;
    }

    @Override
    public <T> T get(String key, Class<T> type) {
        return values.get(key, type);
    }

    @Override
    public <T> T get(String key, TypeLiteral<T> type) {
        return values.get(key, type);
    }

    @Override
    public void put(String key, Object value) {
        values.put(key, value);
    }

    @Override
    public void remove(String key) {
        values.remove(key);
    }

    @Override
    public Set<String> keys() {
        return values.keys();
    }

    @Override
    public String toString() {
        return "DetachedSession[" + key.shortHash() + "]";
    }
}
