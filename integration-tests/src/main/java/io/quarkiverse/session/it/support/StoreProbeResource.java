package io.quarkiverse.session.it.support;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkiverse.session.runtime.MemorySessionStore;
import io.quarkiverse.session.spi.SessionStore;

/**
 * Lets the tests see what the store holds, without a session of their own.
 */
@Path("/store")
public class StoreProbeResource {

    @Inject
    SessionStore store;

    @GET
    @Path("/size")
    public int size() {
        return ((MemorySessionStore) store).size();
    }

    @GET
    @Path("/keys")
    public String keys() {
        StringBuilder keys = new StringBuilder();
        store.list(null, 1000).await().indefinitely().sessions()
                .forEach(session -> keys.append(session.key().toHex()).append('\n'));
        return keys.toString();
    }
}
