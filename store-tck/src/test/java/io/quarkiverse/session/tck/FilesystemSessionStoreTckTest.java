package io.quarkiverse.session.tck;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;

import io.quarkiverse.session.runtime.store.filesystem.FilesystemSessionStore;
import io.quarkiverse.session.spi.SessionStore;

/**
 * The built-in filesystem store against the store contract, in a new directory for every test.
 */
class FilesystemSessionStoreTckTest extends SessionStoreContractTest {

    @TempDir
    Path temp;

    @Override
    protected SessionStore createStore() {
        // A directory that does not exist yet: the store creates it.
        return new FilesystemSessionStore(temp.resolve("sessions"));
    }
}
