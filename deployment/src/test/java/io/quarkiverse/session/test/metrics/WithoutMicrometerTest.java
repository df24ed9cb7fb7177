package io.quarkiverse.session.test.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkiverse.session.runtime.metrics.SessionMeters;
import io.quarkiverse.session.runtime.metrics.SessionMetrics;
import io.quarkus.arc.Arc;
import io.quarkus.test.QuarkusUnitTest;

/**
 * An application whose build has no Micrometer (here switched off, which the build sees as its absence): the session
 * meters are not even a bean, and sessions work as ever.
 */
class WithoutMicrometerTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LifecycleResource.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.micrometer.enabled", "false");

    @Inject
    SessionLifecycle lifecycle;

    @Test
    void sessionsWorkWithoutMeters() {
        String cookie = given().post("/lifecycle/create").then().statusCode(200).extract().cookie("session_id");
        given().cookie("session_id", cookie).get("/lifecycle/read").then().statusCode(200);
        assertFalse(Arc.container().select(SessionMeters.class).isResolvable(), "no meters bean");
        assertSame(SessionMetrics.NONE, lifecycle.metrics());
    }
}
