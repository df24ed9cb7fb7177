package org.acme.session;

import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.tck.SessionStoreContractTest;

/**
 * The example store against the whole store contract: every test of the TCK, on a new store each time.
 */
class MapSessionStoreTckTest extends SessionStoreContractTest {

    @Override
    protected SessionStore createStore() {
        return new MapSessionStore(); // <1>
    }

    @Override
    protected boolean indexesPrincipals() {
        return false; // <2>
    }
}
