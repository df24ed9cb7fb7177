package io.quarkiverse.session.test.scope;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;

/**
 * A {@code @SessionScoped} bean that tells its instances apart and reports its life to {@link CartLifecycle}.
 */
@SessionScoped
public class Cart {

    private final String instance = UUID.randomUUID().toString();
    private final AtomicInteger items = new AtomicInteger();

    @Inject
    CartLifecycle lifecycle;

    @PostConstruct
    void created() throws InterruptedException {
        // A creation that takes a moment, as real ones do: concurrent first uses overlap in it.
        Thread.sleep(25);
        lifecycle.created(instance);
    }

    @PreDestroy
    void destroyed() {
        lifecycle.destroyed(instance);
    }

    public String instance() {
        return instance;
    }

    public int add() {
        return items.incrementAndGet();
    }

    public int items() {
        return items.get();
    }
}
