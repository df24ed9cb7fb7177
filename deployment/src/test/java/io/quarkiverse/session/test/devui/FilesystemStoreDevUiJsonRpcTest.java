package io.quarkiverse.session.test.devui;

import java.nio.file.Path;
import java.util.UUID;

import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's Sessions page on the filesystem store, which answers later and cannot count without listing (see
 * {@link DevUiSessionsContract}), in a directory of its own.
 */
class FilesystemStoreDevUiJsonRpcTest extends DevUiSessionsContract {

    @RegisterExtension
    static final QuarkusDevModeTest DEV = new QuarkusDevModeTest()
            .withApplicationRoot(jar -> jar.addClasses(CartResource.class)
                    .addAsResource(new StringAsset("quarkus.session.store=filesystem\nquarkus.session.filesystem.path="
                            + Path.of("target", "dev-ui-sessions-" + UUID.randomUUID()).toAbsolutePath() + "\n"),
                            "application.properties"));

    @Override
    protected String storeName() {
        return "filesystem";
    }
}
