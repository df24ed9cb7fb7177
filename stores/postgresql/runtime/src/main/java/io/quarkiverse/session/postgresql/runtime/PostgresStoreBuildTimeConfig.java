package io.quarkiverse.session.postgresql.runtime;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

/**
 * The PostgreSQL session store: build-time settings.
 */
@ConfigMapping(prefix = "quarkus.session.postgresql")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface PostgresStoreBuildTimeConfig {

    /**
     * The Quarkus datasource that keeps the sessions, by the name it has in the datasource configuration
     * ({@code quarkus.datasource.<name>.reactive.url}). The default datasource ({@code quarkus.datasource.reactive.url},
     * or its Dev Services) when not set. It must be a PostgreSQL datasource with its reactive client enabled; an
     * application that uses it through JDBC too adds the reactive URL to the same datasource.
     */
    Optional<String> datasource();
}
