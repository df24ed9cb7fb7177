package io.quarkiverse.session.deployment;

import java.util.Set;

import io.quarkiverse.session.runtime.store.cookie.CookieStoreRecorder;
import io.quarkiverse.session.runtime.store.filesystem.FilesystemStoreRecorder;
import io.quarkiverse.session.runtime.store.memory.MemoryStoreRecorder;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.LaunchModeBuildItem;
import io.quarkus.deployment.pkg.builditem.OutputTargetBuildItem;
import io.quarkus.runtime.LaunchMode;

/**
 * The stores the core extension contains, each contributed the way a store extension contributes its own.
 */
class BuiltInStoresProcessor {

    static final String MEMORY = "memory";
    static final String COOKIE = "cookie";
    static final String FILESYSTEM = "filesystem";
    /** The names of the stores the core contains: a store of any other name comes from an extension of its own. */
    static final Set<String> NAMES = Set.of(MEMORY, COOKIE, FILESYSTEM);
    /** The file of the build's output directory where dev mode keeps the cookie store's generated secret. */
    static final String DEV_SECRET_FILE = "quarkus-session-dev-secret";

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem memoryStore(MemoryStoreRecorder recorder) {
        return new SessionStoreProviderBuildItem(MEMORY, recorder.memoryStore());
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem cookieStore(CookieStoreRecorder recorder, LaunchModeBuildItem launchMode,
            OutputTargetBuildItem target) {
        // Only a dev-mode build knows where to keep a development secret: no other build can ever use one.
        String devSecretFile = launchMode.getLaunchMode() == LaunchMode.DEVELOPMENT
                ? target.getOutputDirectory().resolve(DEV_SECRET_FILE).toAbsolutePath().toString()
                : null;
        return new SessionStoreProviderBuildItem(COOKIE, recorder.cookieStore(devSecretFile));
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem filesystemStore(FilesystemStoreRecorder recorder) {
        return new SessionStoreProviderBuildItem(FILESYSTEM, recorder.filesystemStore());
    }
}
