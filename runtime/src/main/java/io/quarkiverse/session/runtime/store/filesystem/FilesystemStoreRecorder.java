package io.quarkiverse.session.runtime.store.filesystem;

import java.util.function.Supplier;

import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class FilesystemStoreRecorder {

    private final RuntimeValue<SessionConfig> config;

    public FilesystemStoreRecorder(RuntimeValue<SessionConfig> config) {
        this.config = config;
    }

    /**
     * Creates the filesystem store when it is the one selected.
     */
    public Supplier<SessionStore> filesystemStore() {
        // The file limit is a constant until the session size limit exists to derive it from.
        return () -> FilesystemSessionStore.open(config.getValue().filesystem().path(),
                FilesystemSessionStore.MAX_FILE_SIZE);
    }
}
