package io.quarkiverse.session.it;

import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The filesystem store, in a directory of its own under {@code target/}.
 */
public class FilesystemStoreProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.session.store", "filesystem",
                "quarkus.session.filesystem.path",
                Path.of("target", "filesystem-sessions-" + ProcessHandle.current().pid()).toAbsolutePath().toString());
    }
}
