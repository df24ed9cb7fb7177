package io.quarkiverse.session.postgresql.runtime;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;

/**
 * Creates the store's tables once, before the first statement that needs them, and again on the next statement if it
 * failed (the database was down at startup): the store starts whether or not its database is up, and works as soon as
 * it is. Concurrent first statements wait for one creation; once it has succeeded, {@link #ready()} costs a volatile
 * read.
 */
final class SchemaCreation {

    private static final Uni<Void> DONE = Uni.createFrom().voidItem();

    private final Supplier<Uni<Void>> create;
    private final AtomicReference<CompletableFuture<Void>> attempt = new AtomicReference<>();
    private volatile boolean created;

    /**
     * @param create runs the schema statements, or {@code null} when the application manages the schema itself
     */
    SchemaCreation(Supplier<Uni<Void>> create) {
        this.create = create;
        this.created = create == null;
    }

    /**
     * Whether the tables exist, as far as the store knows: a statement needs not wait for {@link #ready()}.
     */
    boolean isReady() {
        return created;
    }

    Uni<Void> ready() {
        if (created) {
            return DONE;
        }
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> current = attempt.compareAndExchange(null, mine);
            if (current == null) {
                current = mine;
                create.get().subscribe().with(ignored -> {
                    created = true;
                    mine.complete(null);
                }, failure -> {
                    attempt.compareAndSet(mine, null);
                    mine.completeExceptionally(failure);
                });
            }
            return Uni.createFrom().completionStage(current);
        });
    }
}
