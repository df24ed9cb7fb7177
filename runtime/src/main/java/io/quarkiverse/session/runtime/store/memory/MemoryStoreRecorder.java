package io.quarkiverse.session.runtime.store.memory;

import java.util.Set;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Creates the memory store. In dev mode, the store outlives a live reload: its sessions hold only the extension's own
 * types (keys, and values as JSON bytes), never an application class, so the store of the previous start is reused, and
 * the developer stays logged in across code edits. Production and test mode create a new store at every start.
 */
@Recorder
public class MemoryStoreRecorder {

    private static final Logger LOG = Logger.getLogger(MemoryStoreRecorder.class);

    /**
     * The store of the last start in dev mode. The extension's runtime classes are loaded once for the whole dev-mode
     * session, not at every reload, so this field survives restarts, as the Vert.x instance Quarkus keeps in dev mode.
     */
    private static volatile MemorySessionStore devModeStore;

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
            if (LaunchMode.current() != LaunchMode.DEVELOPMENT) {
                return new MemorySessionStore(maxSessions);
            }
            return devModeStore(maxSessions);
        };
    }

    private static synchronized MemorySessionStore devModeStore(int maxSessions) {
        MemorySessionStore kept = devModeStore;
        if (kept != null && kept.maxSessions() == maxSessions) {
            LOG.debugf("Dev mode: the memory session store keeps its %d sessions across the restart", kept.size());
            return kept;
        }
        if (kept != null) {
            LOG.info("Dev mode: quarkus.session.memory.max-sessions changed, so the memory session store starts empty");
        }
        devModeStore = new MemorySessionStore(maxSessions);
        return devModeStore;
    }
}
