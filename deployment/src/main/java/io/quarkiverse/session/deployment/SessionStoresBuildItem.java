package io.quarkiverse.session.deployment;

import java.util.Map;
import java.util.function.Supplier;

import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.builder.item.SimpleBuildItem;

/**
 * Every store the application contains, by name, and the one used when {@code quarkus.session.store} is not set.
 */
final class SessionStoresBuildItem extends SimpleBuildItem {

    private final Map<String, Supplier<SessionStore>> stores;
    private final String defaultStore;

    SessionStoresBuildItem(Map<String, Supplier<SessionStore>> stores, String defaultStore) {
        this.stores = stores;
        this.defaultStore = defaultStore;
    }

    Map<String, Supplier<SessionStore>> stores() {
        return stores;
    }

    String defaultStore() {
        return defaultStore;
    }
}
