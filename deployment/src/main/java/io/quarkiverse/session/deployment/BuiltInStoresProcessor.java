package io.quarkiverse.session.deployment;

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

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem memoryStore(MemoryStoreRecorder recorder) {
        return new SessionStoreProviderBuildItem("memory", recorder.memoryStore());
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem cookieStore(CookieStoreRecorder recorder) {
        return new SessionStoreProviderBuildItem("cookie", recorder.cookieStore());
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem filesystemStore(FilesystemStoreRecorder recorder) {
        return new SessionStoreProviderBuildItem("filesystem", recorder.filesystemStore());
    }
}
