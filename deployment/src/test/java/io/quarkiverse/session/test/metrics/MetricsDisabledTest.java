package io.quarkiverse.session.test.metrics;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkiverse.session.runtime.metrics.SessionMetrics;
import io.quarkus.test.QuarkusUnitTest;

/**
 * {@code quarkus.session.metrics.enabled=false}: Micrometer is there, and no session meter is.
 */
class MetricsDisabledTest {

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LifecycleResource.class, PrometheusMeters.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.metrics.enabled", "false");

    @Inject
    SessionLifecycle lifecycle;

    @Test
    void noSessionMeterIsRegistered() {
        given().post("/lifecycle/create").then().statusCode(200);
        assertFalse(PrometheusMeters.scrape().hasAny("quarkus_session_"));
        assertSame(SessionMetrics.NONE, lifecycle.metrics());
    }
}
