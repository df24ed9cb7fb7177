package io.quarkiverse.session.test.changes;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import io.quarkiverse.session.Session;

/**
 * Session values set, removed and read one key at a time, and a write that waits between loading the session and
 * changing it, for as long as the test holds its {@link Gate}.
 */
@Path("/keys")
public class KeysResource {

    @Inject
    Session session;

    @Inject
    Gate gate;

    /** A new session holding {@code a}, {@code b} and {@code c}. */
    @POST
    @Path("/seed")
    public String seed() {
        session.put("a", "seed-a");
        session.put("b", "seed-b");
        session.put("c", "seed-c");
        return "seeded";
    }

    @POST
    @Path("/put")
    public String put(@QueryParam("key") String key, @QueryParam("value") String value) {
        session.put(key, value);
        return "put";
    }

    @POST
    @Path("/remove")
    public String remove(@QueryParam("key") String key) {
        session.remove(key);
        return "removed";
    }

    @GET
    @Path("/value")
    public String value(@QueryParam("key") String key) {
        return session.find(key, String.class).orElse("<absent>");
    }

    /** Loads the session, waits until the test opens the gate, then sets one key. */
    @POST
    @Path("/put-after-gate")
    public String putAfterGate(@QueryParam("key") String key, @QueryParam("value") String value)
            throws InterruptedException {
        session.keys();
        gate.passLoaded();
        session.put(key, value);
        return "put";
    }

    /** Where a request waits after loading its session: one pass per test. */
    @Singleton
    public static class Gate {

        private volatile CountDownLatch loaded = new CountDownLatch(1);
        private volatile CountDownLatch open = new CountDownLatch(1);

        /** Tells the test the session is loaded, then waits until it opens the gate. */
        void passLoaded() throws InterruptedException {
            loaded.countDown();
            if (!open.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("The test never opened the gate");
            }
        }

        public void reset() {
            loaded = new CountDownLatch(1);
            open = new CountDownLatch(1);
        }

        public boolean awaitLoaded() throws InterruptedException {
            return loaded.await(30, TimeUnit.SECONDS);
        }

        public void open() {
            open.countDown();
        }
    }
}
