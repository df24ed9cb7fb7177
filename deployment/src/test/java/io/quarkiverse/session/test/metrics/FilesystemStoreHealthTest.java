package io.quarkiverse.session.test.metrics;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/**
 * The readiness check of the filesystem store: DOWN while its directory cannot be written (here, replaced by a file:
 * permissions would not stop root), UP again by itself when it can.
 */
class FilesystemStoreHealthTest {

    private static final String CHECK = "checks.find { it.name == 'Quarkus Session store' }";

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(LifecycleResource.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path",
                    Path.of("target", "health-sessions-" + UUID.randomUUID()).toAbsolutePath().toString());

    /** Read from the configuration: the test runs in a copy of this class whose random name differs. */
    @ConfigProperty(name = "quarkus.session.filesystem.path")
    Path directory;

    @Test
    void downWhileTheDirectoryCannotBeWrittenAndUpAgainAfter() throws IOException {
        given().get("/q/health/ready").then().statusCode(200)
                .body(CHECK + ".status", equalTo("UP"))
                .body(CHECK + ".data.store", equalTo("filesystem"));

        Files.delete(directory);
        Files.createFile(directory);
        given().get("/q/health/ready").then().statusCode(503)
                .body(CHECK + ".status", equalTo("DOWN"))
                .body(CHECK + ".data.error", containsString("failed to write in the session directory"));

        Files.delete(directory);
        Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        given().get("/q/health/ready").then().statusCode(200)
                .body(CHECK + ".status", equalTo("UP"));
    }
}
