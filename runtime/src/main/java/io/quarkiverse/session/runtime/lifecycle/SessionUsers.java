package io.quarkiverse.session.runtime.lifecycle;

import java.util.Set;

/**
 * The bean classes that use {@code Session}, directly or through the beans they inject, as found at build time. Only
 * their event-loop endpoints need the session loaded before they run.
 */
public final class SessionUsers {

    private static volatile Set<String> beanClasses = Set.of();

    private SessionUsers() {
    }

    public static void set(Set<String> classes) {
        beanClasses = Set.copyOf(classes);
    }

    public static boolean uses(Class<?> beanClass) {
        return beanClasses.contains(beanClass.getName());
    }
}
