package io.quarkiverse.session.test.store;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.quarkiverse.session.deployment.SessionStoreProviderBuildItem;
import io.quarkiverse.session.runtime.store.memory.MemorySessionStore;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.builder.BuildChainBuilder;
import io.quarkus.builder.BuildContext;
import io.quarkus.builder.BuildStep;

/**
 * A store extension, as far as the core can tell: a build step that contributes a store named {@value #NAME}.
 */
final class TestStoreExtension {

    static final String NAME = "test-store";

    private TestStoreExtension() {
    }

    static Consumer<BuildChainBuilder> contributingTheTestStore() {
        return chain -> chain.addBuildStep(new BuildStep() {
            @Override
            public void execute(BuildContext context) {
                context.produce(new SessionStoreProviderBuildItem(NAME, new TestStoreSupplier()));
            }
        }).produces(SessionStoreProviderBuildItem.class).build();
    }

    /** Recorded into the application by its class: a store extension's recorder would return it. */
    public static final class TestStoreSupplier implements Supplier<SessionStore> {

        @Override
        public SessionStore get() {
            return new TestStore();
        }
    }

    /** The memory store under another class, so that a test can tell which store the application uses. */
    public static final class TestStore extends ForwardingSessionStore {

        public TestStore() {
            super(new MemorySessionStore(1000));
        }
    }
}
