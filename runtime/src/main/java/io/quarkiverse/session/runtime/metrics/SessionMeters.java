package io.quarkiverse.session.runtime.metrics;

import io.quarkiverse.session.spi.SessionStore;

/**
 * Makes the {@link SessionMetrics} of the application's store. A bean only when the application contains a metrics
 * extension the build supports; without one, sessions report to {@link SessionMetrics#NONE}.
 */
public interface SessionMeters {

    /**
     * @param storeName the {@code store} tag of every meter: the name of the selected store, or {@code custom} for an
     *        application's own store bean
     * @param store the store, whose sessions are counted if it can count them cheaply ({@link CountsSessions})
     */
    SessionMetrics forStore(String storeName, SessionStore store);
}
