package io.quarkiverse.session.runtime;

import java.util.Set;

/**
 * The bean classes that use {@code Session}, directly or through the beans they inject, as found at build time. Only
 * their event-loop endpoints need the session loaded before they run.
 */
public final class SessionUsers {

    private static volatile Set<String> beanClasses = Set.of();

    private SessionUsers() {
    }

    static void set(Set<String> classes) {
        beanClasses = Set.copyOf(classes);
    }

    static boolean uses(Class<?> beanClass) {
        return beanClasses.contains(beanClass.getName());
    }
}
