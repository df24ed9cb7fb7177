package io.quarkiverse.session.runtime.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Sessions: the store, timeouts and cookie.
 */
@ConfigMapping(prefix = "quarkus.session")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface SessionConfig {

    /**
     * The store that keeps the sessions, by name. Built in: {@code memory} (in the application's heap: fast, bounded,
     * lost on restart and not shared between instances), {@code cookie} (the whole session in the browser cookie,
     * encrypted and authenticated with a key derived from {@code quarkus.session.secret}: nothing stored on the server)
     * and {@code filesystem} (one file per session under {@code quarkus.session.filesystem.path}: survives restarts; for
     * a single instance). A store extension adds its own name: {@code redis} with
     * {@code io.quarkiverse.session:quarkus-session-redis}, {@code postgresql} with
     * {@code io.quarkiverse.session:quarkus-session-postgresql}. Chosen at startup, so one build, native executables
     * included, serves every store it contains.
     * <p>
     * When not set: the store of the one store extension the application contains, and {@code memory} when it contains
     * none or several. Ignored when the application provides its own {@code io.quarkiverse.session.spi.SessionStore}
     * bean.
     */
    Optional<String> store();

    /**
     * How long a session lives without being used. Every request that uses the session starts this period again, to
     * within one touch period (a twentieth of the idle timeout, at most one minute): a request that changes the session
     * records its use, but a request that only reads it records its use at most once per touch period, so a session
     * that is only read may expire up to one touch period earlier than this long after its last request. Enforced by the
     * server on every load, whatever the cookie's lifetime. A session can override it with
     * {@code Session.setIdleTimeout}.
     */
    @WithDefault("30M")
    Duration idleTimeout();

    /**
     * How long a session lives at most after its creation, used or not. Enforced by the server on every load. No limit
     * when not set; with the cookie store, production startup then warns, since nothing else bounds the life of a
     * cookie that keeps being used, stolen or not.
     */
    Optional<Duration> absoluteTimeout();

    /**
     * How often expired sessions are deleted in the background from stores that do not expire them by themselves, such
     * as the memory store. Expired sessions are never served in between: the sweep only frees their space.
     */
    @WithDefault("1M")
    Duration sweepInterval();

    /**
     * How long each call to the session store may take: a load, a save, a change of ID or a deletion, for a request or
     * through {@code Sessions}. A call that has not answered by then fails as a failed store does, with a
     * {@code SessionStoreException}: a request gets status {@code 503} with {@code Retry-After}. A save that timed out
     * may still be applied by the store later. Bounds the filesystem store, the stores of extensions and the
     * application's own; the memory and cookie stores answer before they return, without I/O, and need no bound.
     */
    @WithDefault("5S")
    Duration storeTimeout();

    /**
     * The largest session, counted as the UTF-8 bytes of its keys plus the bytes of its values encoded as JSON, loaded
     * values included. A {@code put} that would make a session larger fails with
     * {@code io.quarkiverse.session.SessionTooLargeException} and changes nothing; a put that does not make it larger is
     * always accepted. Applies to every store; the cookie store also stops at what fits in one cookie (4096 bytes,
     * about 2,900 bytes of values), which is checked when the session is saved. Between 1 byte and {@code 1G}.
     */
    @WithDefault("64K")
    MemorySize maxSize();

    /**
     * The secrets of the cookie store, comma-separated, each a random string of at least 32 bytes: startup fails on a
     * shorter one, on one with fewer than 8 distinct bytes and on one that repeats a sequence (such as
     * {@code changemechangeme...}). The first one encrypts; all of them
     * decrypt, so a secret can be rotated without logging anyone out: put the new one first, and remove the old one once
     * the longest session has expired. Required in production with {@code quarkus.session.store=cookie}; in dev and
     * test mode a random secret is generated when it is not set.
     */
    Optional<List<String>> secret();

    /**
     * Where requests carry the session ID, in order: the first source that holds a well-formed ID wins. Each entry is
     * {@code cookie} (the cookie of {@code quarkus.session.cookie.*}), {@code cookie:NAME} (that cookie under another
     * name), {@code header:NAME}, {@code query:NAME}, {@code form:NAME}, {@code param:NAME} (a path parameter of the
     * matched route), or the name of an application bean implementing {@code io.quarkiverse.session.SessionIdSource}.
     * Responses hand the ID back through the cookie and header sources only (both, when both are listed); query, form
     * and path parameters are read-only. Example: {@code cookie,header:X-Session-ID}. Default: the cookie.
     */
    Optional<List<String>> idSources();

    /**
     * The session cookie.
     */
    @ConfigDocSection
    CookieConfig cookie();

    /**
     * The memory store.
     */
    @ConfigDocSection
    MemoryConfig memory();

    /**
     * The filesystem store.
     */
    @ConfigDocSection
    FilesystemConfig filesystem();

    /**
     * Metrics, when the application contains {@code quarkus-micrometer}.
     */
    @ConfigDocSection
    MetricsConfig metrics();

    /**
     * Session-scoped beans (CDI's {@code SessionScoped}).
     */
    @ConfigDocSection
    ScopedBeansConfig scopedBeans();

    /**
     * Server-side login with Quarkus Security, when {@code quarkus.session.security.enabled} is {@code true}.
     */
    @ConfigDocSection
    SecurityConfig security();

    interface CookieConfig {

        /**
         * The name of the cookie that carries the session ID. A name starting with {@code __Host-} requires
         * {@code secure=true}, no domain and path {@code /}; one starting with {@code __Secure-} requires
         * {@code secure=true}.
         */
        @WithDefault("session_id")
        String name();

        /**
         * Whether the cookie is hidden from JavaScript ({@code HttpOnly}), which protects the session from
         * cross-site scripting.
         */
        @WithDefault("true")
        boolean httpOnly();

        /**
         * Whether the cookie is only sent over HTTPS ({@code Secure}). Turn it on in production, where startup warns
         * while it is off.
         */
        @WithDefault("false")
        boolean secure();

        /**
         * The {@code SameSite} attribute of the cookie. {@code none} requires {@code secure=true}.
         */
        @WithDefault("lax")
        SameSite sameSite();

        /**
         * The {@code Path} attribute of the cookie.
         */
        @WithDefault("/")
        String path();

        /**
         * The {@code Domain} attribute of the cookie. When not set, the cookie is only sent to the host that set it.
         */
        Optional<String> domain();

        /**
         * Whether the cookie is a browser-session cookie, without {@code Max-Age}: the browser forgets it when it
         * closes, and the server still expires the session after its idle and absolute timeouts.
         * <p>
         * Otherwise the cookie's {@code Max-Age} is the session's idle timeout, but never more than the time left until
         * its absolute deadline ({@code quarkus.session.absolute-timeout}). The cookie is not sent with every response:
         * with a server-side store it is sent again when the session's ID or idle timeout changes, and otherwise at
         * most once per touch period (a twentieth of the idle timeout, at most one minute), by a request that uses the
         * session; so the browser may drop the cookie up to one touch period before the server would expire the
         * session. With the cookie store the cookie holds the session itself: it is sent again whenever the session
         * changes, and otherwise at most once per touch period.
         */
        @WithDefault("false")
        boolean sessionOnly();

        enum SameSite {
            /**
             * Sent with same-site requests only.
             */
            STRICT,
            /**
             * Sent with same-site requests and top-level cross-site navigations.
             */
            LAX,
            /**
             * Sent with all requests; requires {@code secure=true}.
             */
            NONE
        }
    }

    interface MemoryConfig {

        /**
         * The maximum number of sessions the memory store keeps. When a new session would exceed it, the sessions idle
         * for the longest time are evicted first, and a warning is logged, so a flood of clients cannot exhaust the
         * heap.
         */
        @WithDefault("100000")
        int maxSessions();
    }

    interface FilesystemConfig {

        /**
         * The directory that holds the session files, created if missing, with permissions {@code 0700} where the
         * file system supports them. Checked at startup: a directory that cannot be created or written fails startup,
         * and so does one that exists but is a symbolic link, belongs to another user, or gives any permission to its
         * group or others, since whoever can write in it can plant sessions.
         */
        @WithDefault("./sessions")
        Path path();
    }

    interface ScopedBeansConfig {

        /**
         * Acknowledges that {@code @SessionScoped} bean instances live in the memory of the application instance that
         * created them, not in the session store: set it {@code true} when the application runs as one instance, or
         * behind a load balancer that sends each session to the same instance (sticky sessions). With a store that
         * other instances share ({@code redis}, {@code postgresql}, {@code cookie}, or an application's own store) and
         * {@code false}, startup logs a warning, since another instance serving the session would see fresh beans. It
         * has no effect with the {@code memory} and {@code filesystem} stores, which are local to one instance anyway.
         */
        @WithDefault("false")
        boolean instanceLocal();
    }

    interface MetricsConfig {

        /**
         * Whether sessions are measured: the {@code quarkus.session.*} meters are registered when the application
         * contains {@code quarkus-micrometer} and this is {@code true}. Without {@code quarkus-micrometer} it has no
         * effect.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
