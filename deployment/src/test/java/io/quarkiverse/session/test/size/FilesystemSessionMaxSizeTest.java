package io.quarkiverse.session.test.size;

import java.util.UUID;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.session.max-size} with the filesystem store, in a directory of its own that the store creates.
 */
class FilesystemSessionMaxSizeTest extends SessionMaxSizeContract {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SessionMaxSizeContract.class, SizedValueResource.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path", "target/max-size-sessions-" + UUID.randomUUID())
            .overrideConfigKey("quarkus.session.max-size", MAX_SIZE)
            .overrideConfigKey("quarkus.http.test-port", "0");
}
