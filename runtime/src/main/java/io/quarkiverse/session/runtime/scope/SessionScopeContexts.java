package io.quarkiverse.session.runtime.scope;

import jakarta.enterprise.context.SessionScoped;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;

/**
 * Finds this extension's session context among the contexts ArC has for {@code @SessionScoped} (it keeps its own,
 * inactive unless an extension activates it).
 */
final class SessionScopeContexts {

    private SessionScopeContexts() {
    }

    static SessionScopeContext current() {
        for (InjectableContext context : Arc.container().getContexts(SessionScoped.class)) {
            if (context instanceof SessionScopeContext ours) {
                return ours;
            }
        }
        throw new IllegalStateException("The session context of Quarkus Session is not registered");
    }
}
