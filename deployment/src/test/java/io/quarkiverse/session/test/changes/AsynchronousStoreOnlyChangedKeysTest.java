package io.quarkiverse.session.test.changes;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.CountingSessionStore;
import io.quarkiverse.session.test.SessionCookies;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@link OnlyChangedKeysAreWrittenTest} on an application store that answers later, as a remote one does.
 */
class AsynchronousStoreOnlyChangedKeysTest extends OnlyChangedKeysAreWrittenTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(KeysResource.class, KeysResource.Gate.class,
                    SessionCookies.class, OnlyChangedKeysAreWrittenTest.class, CountingSessionStore.class))
            .overrideConfigKey("quarkus.http.test-port", "0");
}
