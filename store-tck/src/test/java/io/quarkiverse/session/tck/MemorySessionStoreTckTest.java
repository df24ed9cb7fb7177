package io.quarkiverse.session.tck;

import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionStore;

/**
 * The built-in memory store against the store contract.
 */
class MemorySessionStoreTckTest extends SessionStoreContractTest {

    @Override
    protected SessionStore createStore() {
        return new MemorySessionStore(1000);
    }
}
