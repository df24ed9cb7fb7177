package io.quarkiverse.session.redis.test;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.redis.testing.RedisServerProcess;
import io.quarkiverse.session.test.devui.DevUiSessionsContract;
import io.quarkus.test.QuarkusDevModeTest;

/**
 * The Dev UI's Sessions page on the Redis store of a dev-mode application, on a real redis-server: the count and the
 * pages come from {@code SCAN}, its cursor carried by the page (see {@link DevUiSessionsContract}).
 */
class RedisDevUiJsonRpcTest extends DevUiSessionsContract {

    static final RedisServerProcess REDIS = RedisApps.server("RedisDevUiJsonRpcTest");

    static final int PORT = freePort();

    @RegisterExtension
    static final QuarkusDevModeTest DEV = devModeApplication(PORT,
            "quarkus.redis.devservices.enabled=false\nquarkus.redis.hosts=" + REDIS.uri());

    @AfterAll
    static void stopRedis() {
        REDIS.close();
    }

    RedisDevUiJsonRpcTest() {
        super(PORT);
    }

    @Override
    protected QuarkusDevModeTest devMode() {
        return DEV;
    }

    @Override
    protected String storeName() {
        return "redis";
    }
}
