package io.quarkiverse.session.test.principal;

import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * "Log out everywhere" on the memory store (see {@link PrincipalSessionsContract}).
 */
class MemoryStorePrincipalSessionsTest extends PrincipalSessionsContract {

    @RegisterExtension
    static final QuarkusUnitTest APP = application("quarkus.session.store=memory\n");
}
