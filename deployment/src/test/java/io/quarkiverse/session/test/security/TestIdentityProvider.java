package io.quarkiverse.session.test.security;

import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.UsernamePasswordAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * An application's own identity provider: one user, {@code carol}, with a role and attributes of every kind, some of
 * which the tests keep in the session and some not.
 */
@ApplicationScoped
public class TestIdentityProvider implements IdentityProvider<UsernamePasswordAuthenticationRequest> {

    @Override
    public Class<UsernamePasswordAuthenticationRequest> getRequestType() {
        return UsernamePasswordAuthenticationRequest.class;
    }

    @Override
    public int priority() {
        // Before the properties-file realm the test classpath also holds.
        return 1000;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(UsernamePasswordAuthenticationRequest request,
            AuthenticationRequestContext context) {
        if (request.getUsername().equals("long")) {
            // A directory whose names no session store can index.
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(new QuarkusPrincipal("x".repeat(1025))).build());
        }
        if (!request.getUsername().equals("carol")) {
            return Uni.createFrom().nullItem();
        }
        if (!new String(request.getPassword().getPassword()).equals("carol-pw")) {
            return Uni.createFrom().failure(new AuthenticationFailedException());
        }
        return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal("carol"))
                .addRole("editor")
                .addAttribute("email", "carol@example.com")
                .addAttribute("teams", Set.of("blue"))
                .addAttribute("level", 3)
                .addAttribute("avatar", new byte[] { 1, 2 })
                .addAttribute("token", "not-kept")
                .addAttribute("friends", List.of())
                .build());
    }
}
