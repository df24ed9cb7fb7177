package io.quarkiverse.session.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
public class SessionResourceIT extends SessionResourceTest {
}
