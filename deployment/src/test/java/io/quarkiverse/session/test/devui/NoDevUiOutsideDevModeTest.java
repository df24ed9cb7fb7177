package io.quarkiverse.session.test.devui;

import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.runtime.devui.SessionJsonRpcService;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Outside dev mode (here, test mode; production is built the same way) the Dev UI's service is no bean: nothing can
 * list, read or invalidate sessions through it.
 */
class NoDevUiOutsideDevModeTest {

    @RegisterExtension
    static final QuarkusUnitTest TEST = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(CartResource.class));

    @Test
    void theSessionsServiceIsNoBean() {
        assertFalse(Arc.container().instance(SessionJsonRpcService.class).isAvailable());
    }
}
