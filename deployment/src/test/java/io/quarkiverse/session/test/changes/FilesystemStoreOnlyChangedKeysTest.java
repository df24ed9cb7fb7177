package io.quarkiverse.session.test.changes;

import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@link OnlyChangedKeysAreWrittenTest} on the filesystem store, in a directory of its own that the store creates.
 */
class FilesystemStoreOnlyChangedKeysTest extends OnlyChangedKeysAreWrittenTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(KeysResource.class, KeysResource.Gate.class,
                    SessionCookies.class, OnlyChangedKeysAreWrittenTest.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path",
                    Path.of("target", "changed-keys-sessions-" + UUID.randomUUID()).toAbsolutePath().toString());
}
