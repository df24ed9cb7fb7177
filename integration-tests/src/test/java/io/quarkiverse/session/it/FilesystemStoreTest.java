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

    @Override
    boolean indexesPrincipals() {
        // TEMPORARY: the principal index of this store is being written (issue 22).
        return false;
    }
}
