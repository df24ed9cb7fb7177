package io.quarkiverse.session.runtime.metrics;

/**
 * A call to the session store, as measured: {@link #LOAD} is timed by {@code quarkus.session.store.load}, the writes by
 * {@code quarkus.session.store.save}, tagged with their operation; {@link #DELETE_ALL}, one call for every session of
 * the store, is a write of its own, so that its duration does not blur the single deletes'; {@link #FIND_BY_PRINCIPAL}
 * is timed by {@code quarkus.session.store.find}.
 */
public enum StoreOperation {
    LOAD("load"),
    CREATE("create"),
    UPDATE("update"),
    CHANGE_KEY("change-key"),
    DELETE("delete"),
    DELETE_ALL("delete-all"),
    FIND_BY_PRINCIPAL("find-by-principal");

    final String tag;

    StoreOperation(String tag) {
        this.tag = tag;
    }
}
