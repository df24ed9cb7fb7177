package io.quarkiverse.session.test.changes;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@link OnlyChangedKeysAreWrittenTest} on the memory store.
 */
class MemoryStoreOnlyChangedKeysTest extends OnlyChangedKeysAreWrittenTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(KeysResource.class, KeysResource.Gate.class,
                    SessionCookies.class, OnlyChangedKeysAreWrittenTest.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "memory");
}
