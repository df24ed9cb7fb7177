package io.quarkiverse.session.runtime.devui;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * One read of a store's listing for the Dev UI: the store's pages from a cursor, until enough sessions matched, the
 * store has no more, or a bound of pages was read.
 * <p>
 * Invariants: pages are read one after the other, by repetition rather than by nesting, so the stack does not grow
 * with the number of pages; {@link #nextCursor()} is where the next read must start for no session to be skipped:
 * the store's cursor after the last page read, or {@code null} once the store has no more. A read is used once.
 */
final class FilteredListing {

    private final SessionStore store;
    private final int wanted;
    private final Predicate<SessionSummary> filter;
    private final int maxPages;
    private final List<SessionSummary> matches = new ArrayList<>();
    private String cursor;
    private int pagesRead;
    private boolean done;

    FilteredListing(SessionStore store, String cursor, int wanted, Predicate<SessionSummary> filter, int maxPages) {
        this.store = store;
        this.cursor = cursor;
        this.wanted = wanted;
        this.filter = filter;
        this.maxPages = maxPages;
    }

    /** Reads the pages, and returns the sessions that matched, at most as many as wanted. */
    Uni<List<SessionSummary>> read() {
        return Multi.createBy().repeating().uni(() -> this, FilteredListing::nextPage).whilst(ignored -> !done)
                .collect().last().map(ignored -> matches);
    }

    String nextCursor() {
        return cursor;
    }

    private Uni<Integer> nextPage() {
        // A page asks only for what is still missing: its cursor is then exactly after the last session returned.
        return store.list(cursor, wanted - matches.size()).map(page -> {
            for (SessionSummary summary : page.sessions()) {
                if (filter.test(summary) && matches.size() < wanted) {
                    matches.add(summary);
                }
            }
            cursor = page.nextCursor();
            pagesRead++;
            done = cursor == null || matches.size() >= wanted || pagesRead >= maxPages;
            return matches.size();
        });
    }
}
