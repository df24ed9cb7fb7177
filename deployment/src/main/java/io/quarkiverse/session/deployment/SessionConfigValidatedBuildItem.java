package io.quarkiverse.session.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * Marks that the run-time configuration was validated, so startup fails on bad configuration before anything uses it.
 */
final class SessionConfigValidatedBuildItem extends SimpleBuildItem {
}
