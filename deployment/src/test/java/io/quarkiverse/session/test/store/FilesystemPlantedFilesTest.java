package io.quarkiverse.session.test.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.test.NoteResource;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A file planted under a session's name is no session, whatever it holds: a symbolic link to a valid session file is not
 * followed, and a valid session file larger than the store's limit is not read. A client that sends the ID the planted
 * file is named after gets no session.
 */
class FilesystemPlantedFilesTest {

    private static final Path ROOT = fresh(Path.of("target", "planted-session-files").toAbsolutePath());
    private static final Path DIRECTORY = ROOT.resolve("sessions");
    /** Well-formed IDs of the client's choosing, which the planted files are named after. */
    private static final String LINKED_ID = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
    private static final String OVERSIZED_ID = "CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";
    /** The filesystem store's file limit, 1 MiB. */
    private static final int MAX_FILE_SIZE = 1024 * 1024;

    @RegisterExtension
    static final QuarkusUnitTest APP = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(NoteResource.class))
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.session.store", "filesystem")
            .overrideConfigKey("quarkus.session.filesystem.path", DIRECTORY.toString());

    @Test
    void plantedLinkAndOversizedFileAreNoSession() throws IOException {
        String cookie = given().post("/note/secret").then().statusCode(200).extract().cookie("session_id");
        Path written = DIRECTORY.resolve(SessionKey.ofSessionId(cookie).toHex() + ".json");
        byte[] session = Files.readAllBytes(written);
        // Proves the planted copies would be read as sessions if they were regular files of the right size.
        given().cookie("session_id", cookie).get("/note").then().statusCode(200).body(equalTo("secret"));

        Path outside = Files.write(ROOT.resolve("planted.json"), session);
        Path link = Files.createSymbolicLink(fileOf(LINKED_ID), outside);
        Path oversized = Files.write(fileOf(OVERSIZED_ID), padded(session, MAX_FILE_SIZE + 1));

        for (String id : new String[] { LINKED_ID, OVERSIZED_ID }) {
            given().cookie("session_id", id).get("/note").then().statusCode(204).body(emptyString());
        }
        assertArrayEquals(session, Files.readAllBytes(outside), "nothing was written through the link");
        assertTrue(Files.isSymbolicLink(link) && Files.exists(oversized), "left to the sweep");
    }

    private static Path fileOf(String id) {
        return DIRECTORY.resolve(SessionKey.ofSessionId(id).toHex() + ".json");
    }

    /** The session file with white space after its object, which a read accepts, up to {@code size} bytes. */
    private static byte[] padded(byte[] session, int size) {
        return (new String(session, StandardCharsets.UTF_8) + " ".repeat(size - session.length))
                .getBytes(StandardCharsets.UTF_8);
    }

    private static Path fresh(Path root) {
        try {
            if (Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
                try (Stream<Path> files = Files.walk(root)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            return Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
