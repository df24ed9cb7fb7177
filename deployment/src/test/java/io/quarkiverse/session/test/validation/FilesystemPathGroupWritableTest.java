package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A session directory that its group may write to lets every member of the group plant a session file for an ID of
 * their choosing: startup fails naming the property and the chmod that fixes it.
 */
class FilesystemPathGroupWritableTest {

    static final String DIRECTORY = SessionDirectories.withPermissions("group-writable", "rwxrwx---");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path", DIRECTORY)
            .assertException(StartupFailure.withMessageContaining("quarkus.session.filesystem.path", DIRECTORY,
                    "permissions rwxrwx---", "chmod 700 '" + DIRECTORY + "'"));

    @Test
    void startupFailsAskingForAPrivateDirectory() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
