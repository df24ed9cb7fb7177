package io.quarkiverse.session.test.outage;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.test.outage.FaultySessionStore.Fault;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A store whose calls fail at once, as with a refused connection.
 */
class StoreDownTest extends StoreOutageContract {

    @RegisterExtension
    static final QuarkusUnitTest APP = app();

    @Override
    Fault fault() {
        return Fault.REFUSE;
    }
}
