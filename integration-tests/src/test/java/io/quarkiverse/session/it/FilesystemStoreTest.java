package io.quarkiverse.session.it;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every scenario of the demo shop, on the filesystem store: laziness, hostile IDs, login, logout, concurrent requests,
 * no resurrection, background jobs, hashed keys.
 */
@QuarkusTest
@TestProfile(FilesystemStoreProfile.class)
class FilesystemStoreTest extends SessionLifecycleTest {

    @Override
    String storeName() {
        return "filesystem";
    }
}
