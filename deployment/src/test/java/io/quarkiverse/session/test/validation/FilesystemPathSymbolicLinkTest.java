package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A symbolic link as the session directory is refused even when it points at a private directory: whoever can change
 * the link can point the store at files of their own.
 */
class FilesystemPathSymbolicLinkTest {

    static final String DIRECTORY = SessionDirectories.linkToPrivateDirectory("link");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path", DIRECTORY)
            .assertException(StartupFailure.withMessageContaining("quarkus.session.filesystem.path", DIRECTORY,
                    "a symbolic link", "Point it at the directory itself"));

    @Test
    void startupFailsAskingForTheRealDirectory() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
