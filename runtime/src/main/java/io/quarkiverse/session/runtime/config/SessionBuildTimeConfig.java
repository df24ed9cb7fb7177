package io.quarkiverse.session.runtime.config;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

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
}
