package io.quarkiverse.session.runtime.config;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigDocSection;
import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Sessions: build-time settings.
 */
@ConfigMapping(prefix = "quarkus.session")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface SessionBuildTimeConfig {

    /**
     * Additional classes stored as session values, registered for JSON encoding by reflection in native executables,
     * for types the build cannot find by itself (see the "Native" section of the documentation). Fully qualified class
     * names.
     */
    Optional<List<String>> valueTypes();

    /**
     * Health checks, when the application contains {@code quarkus-smallrye-health}.
     */
    @ConfigDocSection
    HealthConfig health();

    /**
     * Session-scoped beans (CDI's {@code SessionScoped}).
     */
    @ConfigDocSection
    ScopedBeansBuildTimeConfig scopedBeans();

    /**
     * Server-side login with Quarkus Security.
     */
    @ConfigDocSection
    SecurityBuildTimeConfig security();

    interface SecurityBuildTimeConfig {

        /**
         * Whether the session holds the login: a form posted to {@code quarkus.session.security.login-path}, or the
         * application through {@code io.quarkiverse.session.SessionLogin}, authenticates the user through the
         * application's Quarkus Security identity providers, gives the session a new ID and keeps the identity (name,
         * roles, chosen attributes) in the session store; later requests are authenticated from the session, and a
         * logout, a deleted or an expired session makes them anonymous at once. Requires Quarkus Security (an identity
         * provider extension such as {@code quarkus-elytron-security-properties-file}, or {@code quarkus-security}), a
         * store that keeps sessions on the server (not {@code cookie}), and Quarkus' own form authentication off.
         */
        @WithDefault("false")
        boolean enabled();
    }

    interface ScopedBeansBuildTimeConfig {

        /**
         * Whether Quarkus Session gives CDI's {@code @SessionScoped} its meaning: one bean instance per session,
         * created on first use, destroyed with the session. It does so only for an application that declares
         * {@code @SessionScoped} beans. Set {@code false} to leave the scope to another extension: Undertow (the
         * servlet session), or WebSockets Next (one instance per WebSocket connection); the build fails, naming this
         * property, where both would give the scope a meaning.
         */
        @WithDefault("true")
        boolean enabled();
    }

    interface HealthConfig {

        /**
         * Whether the readiness check of the session store is registered: it reports the store DOWN while it cannot
         * be reached (a Redis {@code PING}, a PostgreSQL {@code SELECT 1}, a write in the filesystem store's
         * directory). Without {@code quarkus-smallrye-health} it has no effect.
         */
        @WithDefault("true")
        boolean enabled();
    }
}
