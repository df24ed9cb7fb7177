package io.quarkiverse.session.test.principal;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * "Log out everywhere" on the filesystem store, through its principal index on disk (see
 * {@link PrincipalSessionsContract}), in a directory of its own.
 */
class FilesystemStorePrincipalSessionsTest extends PrincipalSessionsContract {

    @RegisterExtension
    static final QuarkusUnitTest APP = application("quarkus.session.store=filesystem\n"
            + "quarkus.session.filesystem.path="
            + Path.of("target", "principal-sessions-" + UUID.randomUUID()).toAbsolutePath() + "\n");
}
