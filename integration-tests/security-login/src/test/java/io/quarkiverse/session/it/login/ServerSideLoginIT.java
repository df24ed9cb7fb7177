package io.quarkiverse.session.it.login;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class ServerSideLoginIT extends ServerSideLoginTest {
}
