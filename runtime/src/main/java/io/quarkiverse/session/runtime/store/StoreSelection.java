package io.quarkiverse.session.runtime.store;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Chooses the store by {@code quarkus.session.store} among those the application contains, at startup: one build
 * serves every store it contains.
 */
public final class StoreSelection {

    /** The store of an application that contains no store extension, or several. */
    public static final String DEFAULT_STORE = "memory";
    private static final String PROPERTY = "quarkus.session.store";
    /** The stores of this project that live in extensions of their own, by name: what to add to use them. */
    private static final Map<String, String> STORE_EXTENSIONS = Map.of(
            "redis", "io.quarkiverse.session:quarkus-session-redis",
            "postgresql", "io.quarkiverse.session:quarkus-session-postgresql");

    /** The store selected at startup; see {@link #remember}. */
    private static volatile String selected = DEFAULT_STORE;

    private StoreSelection() {
    }

    /**
     * Keeps the name of the store selected at startup, the {@code store} tag of the session meters.
     */
    public static void remember(String name) {
        selected = name;
    }

    public static String selected() {
        return selected;
    }

    /**
     * Returns the name of the store to use.
     *
     * @param configured the value of {@code quarkus.session.store}, if set
     * @param available the names of the stores the application contains
     * @param defaultStore the store used when none is configured
     * @throws ConfigurationException naming the property, if the configured store is not in the application
     */
    public static String select(Optional<String> configured, Set<String> available, String defaultStore) {
        if (configured.isEmpty()) {
            return defaultStore;
        }
        String name = configured.get().trim().toLowerCase(Locale.ROOT);
        if (available.contains(name)) {
            return name;
        }
        String contained = String.join(", ", new TreeSet<>(available));
        String extension = STORE_EXTENSIONS.get(name);
        String fix = extension != null
                ? "the " + name + " store is an extension of its own: add the dependency " + extension
                        + " to the application (or choose one of the stores it contains: " + contained + ")"
                : "the stores this application contains are: " + contained;
        throw new ConfigurationException("Invalid " + PROPERTY + ": '" + configured.get() + "' is not a store of this "
                + "application; " + fix, Set.of(PROPERTY));
    }
}
