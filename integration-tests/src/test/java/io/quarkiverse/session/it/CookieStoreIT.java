package io.quarkiverse.session.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;

@QuarkusIntegrationTest
class CookieStoreIT extends CookieStoreTest {
}
