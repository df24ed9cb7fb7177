package io.quarkiverse.session.runtime.security;

import jakarta.inject.Singleton;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Turns the identity a login kept in the session into the request's {@link SecurityIdentity}: the name, roles and kept
 * attributes, as they were at login. Trusts the session, which only a login writes: it never checks a credential.
 */
@Singleton
public class SessionIdentityProvider implements IdentityProvider<SessionIdentityRequest> {

    @Override
    public Class<SessionIdentityRequest> getRequestType() {
        return SessionIdentityRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionIdentityRequest request, AuthenticationRequestContext context) {
        StoredIdentity stored = request.identity();
        QuarkusSecurityIdentity.Builder identity = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(stored.name()))
                .addRoles(stored.roles())
                .addAttributes(stored.attributes());
        RoutingContext routingContext = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (routingContext != null) {
            // Where Quarkus' own mechanisms put it, for code that finds the request through the identity.
            identity.addAttribute(RoutingContext.class.getName(), routingContext);
        }
        return Uni.createFrom().item(identity.build());
    }
}
