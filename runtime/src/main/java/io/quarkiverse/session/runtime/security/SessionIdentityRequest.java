package io.quarkiverse.session.runtime.security;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/**
 * Asks Quarkus Security for the identity a login kept in the session of the request. Going through the
 * {@code IdentityProviderManager}, rather than building the identity in the mechanism, lets the application's
 * {@code SecurityIdentityAugmentor}s run on every request, as with every other Quarkus mechanism.
 */
public final class SessionIdentityRequest extends BaseAuthenticationRequest {

    private final StoredIdentity identity;

    SessionIdentityRequest(StoredIdentity identity) {
        this.identity = identity;
    }

    StoredIdentity identity() {
        return identity;
    }
}
