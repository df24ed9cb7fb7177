package io.quarkiverse.session.deployment;

import io.quarkus.builder.item.SimpleBuildItem;

/**
 * Present when Quarkus Session gives {@code @SessionScoped} its meaning in this application: it declares
 * {@code @SessionScoped} beans, {@code quarkus.session.scoped-beans.enabled} is {@code true}, and no other extension
 * claims the scope.
 */
final class SessionScopeBuildItem extends SimpleBuildItem {
}
