package io.quarkiverse.session.test.metrics;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code Sessions.deleteAll()} with the memory store, which empties its segments at once.
 */
class MemoryStoreDeleteAllTest extends DeleteAllContract {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(DeleteAllContract.class, DeleteAllResource.class,
                    LifecycleResource.class, PrometheusMeters.class, SessionCookies.class))
            .overrideConfigKey("quarkus.http.test-port", "0");

    @Override
    String store() {
        return "store=memory";
    }
}
