package io.quarkiverse.session.runtime.store.memory;

import java.util.Set;
import java.util.function.Supplier;

import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;

@Recorder
public class MemoryStoreRecorder {

    private final RuntimeValue<SessionConfig> config;

    public MemoryStoreRecorder(RuntimeValue<SessionConfig> config) {
        this.config = config;
    }

    /**
     * Creates the memory store when it is the one selected.
     */
    public Supplier<SessionStore> memoryStore() {
        return () -> {
            int maxSessions = config.getValue().memory().maxSessions();
            if (maxSessions < 1) {
                throw new ConfigurationException("quarkus.session.memory.max-sessions must be at least 1, got "
                        + maxSessions + ": set it to the number of sessions this instance may hold",
                        Set.of("quarkus.session.memory.max-sessions"));
            }
            return new MemorySessionStore(maxSessions);
        };
    }
}
