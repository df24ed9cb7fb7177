package io.quarkiverse.session.spi;

import java.util.List;

/**
 * One page of a store's sessions.
 *
 * @param sessions the sessions of this page
 * @param nextCursor the cursor of the next page, or {@code null} if this is the last one
 */
public record SessionPage(List<SessionSummary> sessions, String nextCursor) {
}
