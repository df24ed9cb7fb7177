package io.quarkiverse.session.test.size;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.session.max-size} with the memory store.
 */
class MemorySessionMaxSizeTest extends SessionMaxSizeContract {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(SessionMaxSizeContract.class, SizedValueResource.class,
                    SessionCookies.class))
            .overrideConfigKey("quarkus.session.store", "memory")
            .overrideConfigKey("quarkus.session.max-size", MAX_SIZE)
            .overrideConfigKey("quarkus.http.test-port", "0");
}
