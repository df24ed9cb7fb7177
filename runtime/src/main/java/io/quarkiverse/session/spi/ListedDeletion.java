package io.quarkiverse.session.spi;

import java.util.ArrayList;
import java.util.List;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * The default {@link SessionStore#deleteAll()}: one pass over the store's own listing, from the first page to the last,
 * deleting each listed session with {@link SessionStore#delete}.
 * <p>
 * Invariants: a page is requested only once the deletes of the previous one have answered, so the store sees at most
 * {@link #DELETES_IN_FLIGHT} deletes at once and never a listing racing its own deletes; the pages are walked by
 * repetition, not by nesting one {@link Uni} in the next, so a store of a million sessions needs no deeper stack than
 * one of ten; only a delete that returned {@code true} is counted, so a session deleted meanwhile by a request or by
 * the expiry sweep is not counted.
 */
final class ListedDeletion {

    /** Sessions per page: a round trip per page, and few enough to keep a page's summaries small. */
    static final int PAGE_SIZE = 100;
    /**
     * Deletes of one page sent at once: enough to overlap round trips, few enough to stay within a client's pool and
     * its queue of waiting requests (the Quarkus Redis client's, 6 and 24 by default), which requests share.
     */
    static final int DELETES_IN_FLIGHT = 4;

    private ListedDeletion() {
    }

    static Uni<Integer> deleteAll(SessionStore store) {
        return Uni.createFrom().deferred(() -> {
            Walk walk = new Walk(store);
            return Multi.createBy().repeating().uni(() -> walk, Walk::nextPage).whilst(ignored -> !walk.done)
                    .collect().last().map(ignored -> walk.deleted);
        });
    }

    /** One pass over the listing: the cursor of the next page, and how many sessions it has deleted so far. */
    private static final class Walk {

        private final SessionStore store;
        private String cursor;
        private boolean done;
        private int deleted;

        Walk(SessionStore store) {
            this.store = store;
        }

        /** Lists the next page and deletes its sessions; the last page sets {@link #done}. */
        Uni<Integer> nextPage() {
            return store.list(cursor, PAGE_SIZE).flatMap(page -> {
                List<Uni<Boolean>> deletes = new ArrayList<>(page.sessions().size());
                for (SessionSummary session : page.sessions()) {
                    // Deferred: a store may start its work when called rather than when subscribed, and only
                    // DELETES_IN_FLIGHT are to run at once.
                    deletes.add(Uni.createFrom().deferred(() -> store.delete(session.key())));
                }
                return Uni.join().all(deletes).usingConcurrencyOf(DELETES_IN_FLIGHT).andFailFast().map(answers -> {
                    for (Boolean answer : answers) {
                        if (Boolean.TRUE.equals(answer)) {
                            deleted++;
                        }
                    }
                    cursor = page.nextCursor();
                    done = cursor == null;
                    return deleted;
                });
            });
        }
    }
}
