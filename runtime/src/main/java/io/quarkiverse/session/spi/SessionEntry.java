package io.quarkiverse.session.spi;

import java.util.Objects;

/**
 * A session and the key it is stored under, as {@link SessionStore#findByPrincipal} returns them.
 */
public record SessionEntry(SessionKey key, SessionRecord record) {

    public SessionEntry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(record, "record");
    }
}
