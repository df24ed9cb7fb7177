package io.quarkiverse.session.test.validation;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * A session directory of another user, even with permissions {@code 0700}, is refused: its owner can plant session
 * files. Only root can give a directory away, so the test runs only as root (as in CI).
 */
@EnabledIf("io.quarkiverse.session.test.validation.SessionDirectories#canGiveDirectoriesAway")
class FilesystemPathOtherOwnerTest {

    static final String DIRECTORY = SessionDirectories.ownedByNobody("owned-by-nobody");

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withEmptyApplication()
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path", DIRECTORY)
            .assertException(StartupFailure.withMessageContaining("quarkus.session.filesystem.path", DIRECTORY,
                    "owned by nobody", "chown "));

    @Test
    void startupFailsAskingForADirectoryOfThisUser() {
        // Never runs: the assertion is the startup failure above, checked before any test method.
        Assertions.fail("The application must not start");
    }
}
