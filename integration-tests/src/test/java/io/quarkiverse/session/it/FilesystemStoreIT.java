package io.quarkiverse.session.it;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;

@QuarkusIntegrationTest
@TestProfile(FilesystemStoreProfile.class)
class FilesystemStoreIT extends FilesystemStoreTest {
}
