package io.quarkiverse.session.test.devui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.QuarkusDevModeTest;

/**
 * The JSON-RPC methods behind the Dev UI's pages on the memory store of a dev-mode application: the Sessions page (see
 * {@link DevUiSessionsContract}) and the Configuration page, in one dev-mode start.
 */
class SessionDevUiJsonRpcTest extends DevUiSessionsContract {

    static final String SECRET = "a-Secret-that-must-never-show-up-in-the-dev-ui-0123456789";

    static final int PORT = freePort();

    @RegisterExtension
    static final QuarkusDevModeTest DEV = devModeApplication(PORT,
            "quarkus.session.secret=" + SECRET + "\nquarkus.session.idle-timeout=20M\n");

    SessionDevUiJsonRpcTest() {
        super(PORT);
    }

    @Override
    protected QuarkusDevModeTest devMode() {
        return DEV;
    }

    @Override
    protected String storeName() {
        return "memory";
    }

    @Test
    @Override
    protected void theSessionsPageListsShowsAndInvalidatesTheStoresSessions() throws Exception {
        super.theSessionsPageListsShowsAndInvalidatesTheStoresSessions();
        configurationShowsEffectiveSettingsWithTheSecretMasked();
    }

    private void configurationShowsEffectiveSettingsWithTheSecretMasked() throws Exception {
        JsonNode configuration = executeJsonRPCMethod("getConfiguration");
        Map<String, String> properties = new HashMap<>();
        configuration.forEach(property -> properties.put(property.get("name").asText(), property.get("value").asText()));

        assertEquals("PT20M", properties.get("quarkus.session.idle-timeout"), "a configured value");
        assertEquals("session_id", properties.get("quarkus.session.cookie.name"), "a default");
        assertEquals("(not set)", properties.get("quarkus.session.absolute-timeout"));
        assertEquals("65536 bytes", properties.get("quarkus.session.max-size"), "a memory size");
        assertEquals("****** (1 secret, masked)", properties.get("quarkus.session.secret"));
        assertFalse(configuration.toString().contains(SECRET));
    }
}
