package io.quarkiverse.session.it.support;

import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkiverse.session.spi.SessionPage;
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
        return keys().size();
    }

    @GET
    @Path("/keys")
    public String keyList() {
        return String.join("\n", keys());
    }

    private List<String> keys() {
        List<String> keys = new ArrayList<>();
        String cursor = null;
        do {
            SessionPage page = store.list(cursor, 500).await().indefinitely();
            page.sessions().forEach(session -> keys.add(session.key().toHex()));
            cursor = page.nextCursor();
        } while (cursor != null);
        return keys;
    }
}
