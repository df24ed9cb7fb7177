package io.quarkiverse.session.test.store;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import io.quarkiverse.session.spi.SessionStore;

/**
 * Tells which store the application uses, by its class.
 */
@Path("/store")
public class StoreResource {

    @Inject
    SessionStore store;

    @GET
    public String storeClass() {
        return store.getClass().getSimpleName();
    }
}
