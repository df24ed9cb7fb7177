package io.quarkiverse.session.test.scope;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * What happened to {@link Cart} instances, in order.
 */
@ApplicationScoped
public class CartLifecycle {

    private final List<String> created = new CopyOnWriteArrayList<>();
    private final List<String> destroyed = new CopyOnWriteArrayList<>();

    void created(String instance) {
        created.add(instance);
    }

    void destroyed(String instance) {
        destroyed.add(instance);
    }

    public List<String> created() {
        return created;
    }

    public List<String> destroyed() {
        return destroyed;
    }
}
