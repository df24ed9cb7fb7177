package io.quarkiverse.session;

import java.util.Objects;

/**
 * Something that happened to a session, fired as a CDI event: observe it synchronously ({@code @Observes SessionEvent})
 * or asynchronously ({@code @ObservesAsync SessionEvent}). It names the session by the short hash of its key, as the
 * extension's logs do, never by its ID, and carries none of its data.
 * <p>
 * Fired once the store has confirmed what happened, and only if the application has an observer: without one, nothing
 * is created or fired.
 *
 * @param type what happened
 * @param sessionHash the short hash of the session's key (its new key, for {@link Type#ID_CHANGED})
 * @param previousSessionHash for {@link Type#ID_CHANGED}, the short hash of the key before; otherwise {@code null}
 */
public record SessionEvent(Type type, String sessionHash, String previousSessionHash) {

    public SessionEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(sessionHash, "sessionHash");
    }

    public enum Type {
        /** A new session was stored: it has a value, and its ID was handed to the client. */
        CREATED,
        /** The session got a new ID ({@code regenerate()}), keeping its data. */
        ID_CHANGED,
        /** The application ended the session: {@code destroy()}, {@code reset()}, or a delete by ID. */
        DESTROYED,
        /** A request brought a session that had expired, and the extension deleted it. */
        EXPIRED
    }
}
