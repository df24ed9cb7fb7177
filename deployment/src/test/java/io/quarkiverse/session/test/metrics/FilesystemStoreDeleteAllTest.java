package io.quarkiverse.session.test.metrics;

import java.util.UUID;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code Sessions.deleteAll()} with the filesystem store, which deletes the session files on a worker thread, in a
 * directory of its own that the store creates.
 */
class FilesystemStoreDeleteAllTest extends DeleteAllContract {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DeleteAllContract.class, DeleteAllResource.class,
                    LifecycleResource.class, PrometheusMeters.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path", "target/delete-all-sessions-" + UUID.randomUUID());

    @Override
    String store() {
        return "store=filesystem";
    }
}
