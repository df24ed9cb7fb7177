package io.quarkiverse.session.deployment;

import java.util.Objects;
import java.util.function.Supplier;

import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.builder.item.MultiBuildItem;

/**
 * A store the application contains, under the name {@code quarkus.session.store} selects it by. The built-in stores
 * contribute themselves this way, exactly as a store from another extension does: from a build step recorded at
 * {@code RUNTIME_INIT} whose recorder returns the supplier. The supplier is called once, at startup, and only for the
 * store selected; it checks the store's own settings and fails with a {@code ConfigurationException} naming the
 * property when they cannot work.
 */
public final class SessionStoreProviderBuildItem extends MultiBuildItem {

    private final String name;
    private final Supplier<SessionStore> store;

    public SessionStoreProviderBuildItem(String name, Supplier<SessionStore> store) {
        if (name == null || !name.matches("[a-z][a-z0-9-]*")) {
            throw new IllegalArgumentException("A session store name is lower-case letters, digits and '-', got "
                    + name);
        }
        this.name = name;
        this.store = Objects.requireNonNull(store, "store");
    }

    public String name() {
        return name;
    }

    public Supplier<SessionStore> store() {
        return store;
    }
}
