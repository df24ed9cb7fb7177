package io.quarkiverse.session.test.outage;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.outage.FaultySessionStore.Fault;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A store whose calls never answer, as with a hung connection: {@code quarkus.session.store-timeout} ends each of them.
 */
class StoreTimeoutTest extends StoreOutageContract {

    @RegisterExtension
    static final QuarkusUnitTest APP = app().overrideConfigKey("quarkus.session.store-timeout", "300ms");

    @Override
    Fault fault() {
        return Fault.STALL;
    }
}
