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
        return () -> FilesystemSessionStore.open(config.getValue().filesystem().path(),
                maxFileSize(config.getValue().maxSize().asLongValue()));
    }

    /**
     * The largest file the store reads or writes: every session within {@code quarkus.session.max-size} must fit, with
     * room for the metadata and for keys that JSON escapes, and never less than the store's own default.
     */
    static int maxFileSize(long maxSessionSize) {
        long room = 2 * maxSessionSize + 64 * 1024;
        return (int) Math.min(Math.max(room, FilesystemSessionStore.MAX_FILE_SIZE), Integer.MAX_VALUE - 8);
    }
}
