package io.quarkiverse.session.test.devui;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's Sessions page on the filesystem store, which answers later and cannot count without listing (see
 * {@link DevUiSessionsContract}), in a directory of its own.
 */
class FilesystemStoreDevUiJsonRpcTest extends DevUiSessionsContract {

    static final int PORT = freePort();

    @RegisterExtension
    static final QuarkusDevModeTest DEV = devModeApplication(PORT, "quarkus.session.store=filesystem\n"
            + "quarkus.session.filesystem.path=" + Path.of("target", "dev-ui-sessions-" + UUID.randomUUID()).toAbsolutePath());

    FilesystemStoreDevUiJsonRpcTest() {
        super(PORT);
    }

    @Override
    protected QuarkusDevModeTest devMode() {
        return DEV;
    }

    @Override
    protected String storeName() {
        return "filesystem";
    }
}
