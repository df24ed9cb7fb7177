package io.quarkiverse.session.deployment;

import java.util.Set;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * The classes of the beans that use {@code Session}, directly or transitively.
 */
final class SessionUsersBuildItem extends SimpleBuildItem {

    private final Set<String> beanClasses;

    SessionUsersBuildItem(Set<String> beanClasses) {
        this.beanClasses = Set.copyOf(beanClasses);
    }

    Set<String> beanClasses() {
        return beanClasses;
    }
}
