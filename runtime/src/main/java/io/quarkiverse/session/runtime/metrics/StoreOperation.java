package io.quarkiverse.session.runtime.metrics;

/**
 * A call to the session store, as measured: {@link #LOAD} is timed by {@code quarkus.session.store.load}, the writes by
 * {@code quarkus.session.store.save}, tagged with their operation.
 */
public enum StoreOperation {
    LOAD("load"),
    CREATE("create"),
    UPDATE("update"),
    CHANGE_KEY("change-key"),
    DELETE("delete");

    final String tag;

    StoreOperation(String tag) {
        this.tag = tag;
    }
}
