package io.quarkiverse.session.deployment;

import java.util.Set;

import io.quarkiverse.session.runtime.store.cookie.CookieStoreRecorder;
import io.quarkiverse.session.runtime.store.filesystem.FilesystemStoreRecorder;
import io.quarkiverse.session.runtime.store.memory.MemoryStoreRecorder;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;

/**
 * The stores the core extension contains, each contributed the way a store extension contributes its own.
 */
class BuiltInStoresProcessor {

    static final String MEMORY = "memory";
    static final String COOKIE = "cookie";
    static final String FILESYSTEM = "filesystem";
    /** The names of the stores the core contains: a store of any other name comes from an extension of its own. */
    static final Set<String> NAMES = Set.of(MEMORY, COOKIE, FILESYSTEM);

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem memoryStore(MemoryStoreRecorder recorder) {
        return new SessionStoreProviderBuildItem(MEMORY, recorder.memoryStore());
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem cookieStore(CookieStoreRecorder recorder) {
        return new SessionStoreProviderBuildItem(COOKIE, recorder.cookieStore());
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem filesystemStore(FilesystemStoreRecorder recorder) {
        return new SessionStoreProviderBuildItem(FILESYSTEM, recorder.filesystemStore());
    }
}
