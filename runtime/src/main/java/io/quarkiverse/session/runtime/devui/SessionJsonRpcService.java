package io.quarkiverse.session.runtime.devui;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkiverse.session.Sessions;
import io.quarkiverse.session.runtime.config.SessionConfig;
import io.quarkiverse.session.runtime.lifecycle.SessionLifecycle;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionCodec.CookieSession;
import io.quarkiverse.session.runtime.store.cookie.CookieSessionStore;
import io.quarkiverse.session.spi.SessionEntry;
import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The JSON-RPC methods behind the Dev UI's session pages. It is a bean only in dev mode: the build step that registers
 * it runs only for local development, so a production application has neither the bean nor the pages.
 * <p>
 * Invariants: nothing it returns holds a session ID or a full key hash. Sessions are named by their key's short hash;
 * the page sends that handle back to open or invalidate a session, and the full key stays here, in {@link #listed},
 * which only listings fill. Values are shown as the JSON the store holds, never decoded into application types. The
 * configuration view masks {@code quarkus.session.secret}. Invalidating goes through the {@link SessionLifecycle}, so
 * metrics and events see it as they see an application's destroy.
 */
@Singleton
public class SessionJsonRpcService {

    /** Sessions per page of the table when the page asks for none or for too many. */
    static final int DEFAULT_PAGE_SIZE = 50;
    static final int MAX_PAGE_SIZE = 500;
    /** The store pages a filtered listing reads in one call at most, so a filter that matches nothing stays fast. */
    static final int MAX_PAGES_PER_CALL = 20;
    /** Beyond this many live sessions, the count says "more than" instead of walking the rest of the listing. */
    static final int MAX_COUNTED = 10_000;
    /** Handles remembered at most; a developer's store in dev mode holds far fewer, and a new listing fills it again. */
    static final int MAX_LISTED = 20_000;

    private final Map<String, SessionKey> listed = new ConcurrentHashMap<>();
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Inject
    SessionLifecycle lifecycle;

    @Inject
    SessionStore store;

    @Inject
    Sessions sessions;

    @Inject
    SessionConfig config;

    /**
     * The store in use and its number of live sessions ({@code -1} when it cannot know them: the cookie store), for the
     * card and the top of the page.
     */
    public Uni<JsonObject> getStoreInfo() {
        JsonObject info = new JsonObject().put("store", lifecycle.storeName()).put("keepsSessions", keepsSessions());
        if (!keepsSessions()) {
            return Uni.createFrom().item(info.put("count", -1).put("cookieName", config.cookie().name()));
        }
        return countSessions().map(count -> info.put("count", count).put("countCapped", count >= MAX_COUNTED));
    }

    /**
     * The label of the card's link: the store and its number of live sessions.
     */
    public Uni<String> getCardLabel() {
        return getStoreInfo().map(info -> {
            long count = info.getLong("count");
            String sessions = count < 0 ? "in cookies"
                    : (info.getBoolean("countCapped") ? "more than " + MAX_COUNTED : Long.toString(count)) + " live";
            return info.getString("store") + " · " + sessions;
        });
    }

    /**
     * A page of live sessions, through the store's own listing.
     *
     * @param cursor {@code null} or empty for the first page, else the {@code nextCursor} of the previous page
     * @param limit the most sessions in the page
     * @param keyFilter if not blank, only sessions with a value whose key contains it, ignoring case
     */
    public Uni<JsonObject> getSessions(String cursor, int limit, String keyFilter) {
        int pageSize = limit < 1 || limit > MAX_PAGE_SIZE ? DEFAULT_PAGE_SIZE : limit;
        String filter = keyFilter == null || keyFilter.isBlank() ? null : keyFilter.strip().toLowerCase(Locale.ROOT);
        Instant now = Instant.now();
        FilteredListing listing = new FilteredListing(store, cursor == null || cursor.isEmpty() ? null : cursor, pageSize,
                summary -> isLive(summary, now) && (filter == null || summary.keys().stream()
                        .anyMatch(key -> key.toLowerCase(Locale.ROOT).contains(filter))),
                MAX_PAGES_PER_CALL);
        return listing.read().flatMap(summaries -> Multi.createFrom().iterable(summaries)
                .onItem().transformToUniAndConcatenate(this::row)
                .collect().asList()
                .map(rows -> new JsonObject().put("sessions", new JsonArray(rows.stream()
                        .filter(row -> row != null).toList()))
                        .put("nextCursor", listing.nextCursor())));
    }

    /**
     * The live sessions of a principal, through the store's principal index, all in one page: a user has few.
     *
     * @return the sessions, as {@link #getSessions} lists them, with no next cursor; or an {@code error} for a store that
     *         keeps no principal index
     */
    public Uni<JsonObject> getSessionsOfPrincipal(String principal) {
        if (principal == null || principal.isBlank()) {
            return Uni.createFrom().item(new JsonObject().put("sessions", new JsonArray()));
        }
        return lifecycle.findByPrincipal(principal.strip()).map(entries -> {
            JsonArray rows = new JsonArray();
            for (SessionEntry entry : entries) {
                remember(entry.key());
                rows.add(describe(entry.key(), entry.record()));
            }
            return new JsonObject().put("sessions", rows);
        }).onFailure(UnsupportedOperationException.class).recoverWithItem(refused -> new JsonObject()
                .put("sessions", new JsonArray()).put("error", refused.getMessage()));
    }

    /**
     * Ends every session of a principal, as {@code Sessions.deleteByPrincipal} does.
     *
     * @return the number of sessions deleted
     */
    public Uni<Integer> invalidatePrincipal(String principal) {
        return principal == null || principal.isBlank() ? Uni.createFrom().item(0)
                : sessions.deleteByPrincipal(principal.strip());
    }

    /**
     * The values of one listed session, as formatted JSON, or {@code null} if it no longer exists.
     *
     * @param handle the short hash of a session from {@link #getSessions}
     */
    public Uni<JsonObject> getSession(String handle) {
        SessionKey key = listed.get(handle);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return lifecycle.loadByKey(key).map(record -> record == null ? null
                : describe(key, record).put("json", prettyValues(record.values())));
    }

    /**
     * Invalidates one listed session, as {@code Session.destroy()} would.
     *
     * @return {@code true} if it was deleted, {@code false} if it no longer existed
     */
    public Uni<Boolean> invalidate(String handle) {
        SessionKey key = listed.remove(handle);
        return key == null ? Uni.createFrom().item(false) : lifecycle.deleteByKey(key);
    }

    /**
     * Invalidates every session of the store, as {@code Sessions.deleteAll()} does.
     *
     * @return the number of sessions deleted
     */
    public Uni<Integer> invalidateAll() {
        listed.clear();
        return lifecycle.deleteAll();
    }

    /**
     * The effective {@code quarkus.session.*} run-time settings, with the secrets masked.
     */
    @NonBlocking
    public JsonArray getConfiguration() {
        JsonArray properties = new JsonArray();
        EffectiveConfig.of(config).forEach((name, value) -> properties.add(new JsonObject().put("name", name)
                .put("value", value)));
        return properties;
    }

    /**
     * What a cookie of the cookie store holds, for the developer who pasted its value: its times and values, never the
     * ID it carries.
     *
     * @return the session, or an object with an {@code error} if the value is not a cookie this application sealed
     */
    @NonBlocking
    public JsonObject decodeCookie(String cookieValue) {
        if (!(store instanceof CookieSessionStore cookies)) {
            return new JsonObject().put("error", "The " + lifecycle.storeName() + " store keeps sessions on the server: "
                    + "the Sessions page lists them");
        }
        String value = cookieValue == null ? "" : cookieValue.strip();
        String prefix = config.cookie().name() + "=";
        if (value.startsWith(prefix)) {
            value = value.substring(prefix.length());
        }
        CookieSession session = cookies.open(value);
        if (session == null) {
            return new JsonObject().put("error", "Not a session cookie of this application: tampered, truncated, "
                    + "expired by its sealing key, or sealed with another secret");
        }
        return new JsonObject().put("shortHash", SessionKey.ofSessionId(session.id()).shortHash())
                .put("createdAt", session.createdAt()).put("lastAccessedAt", session.lastAccessedAt())
                .put("values", session.values().size()).put("size", sizeOf(session.values()))
                .put("json", prettyValues(session.values()));
    }

    private boolean keepsSessions() {
        return !(store instanceof CookieSessionStore);
    }

    /**
     * Counts through the listing, even on a store that {@link io.quarkiverse.session.runtime.metrics.CountsSessions
     * counts its sessions}: such a count includes the sessions expired since the last sweep, which the table does not
     * show.
     */
    private Uni<Long> countSessions() {
        Instant now = Instant.now();
        FilteredListing all = new FilteredListing(store, null, MAX_COUNTED, summary -> isLive(summary, now),
                Integer.MAX_VALUE);
        return all.read().map(summaries -> (long) summaries.size());
    }

    /**
     * Whether a listed session is still live: a store keeps expired sessions until its sweep (every
     * {@code quarkus.session.sweep-interval}) or its own expiry deletes them, and lists them until then.
     */
    private static boolean isLive(SessionSummary summary, Instant now) {
        return summary.expiresAt().isAfter(now);
    }

    /** A row of the table, or {@code null} for a session that expired or went since the listing. */
    private Uni<JsonObject> row(SessionSummary summary) {
        return lifecycle.loadByKey(summary.key()).map(record -> {
            if (record == null) {
                return null;
            }
            remember(summary.key());
            return describe(summary.key(), record);
        });
    }

    private void remember(SessionKey key) {
        if (listed.size() >= MAX_LISTED) {
            listed.clear();
        }
        listed.put(key.shortHash(), key);
    }

    private static JsonObject describe(SessionKey key, SessionRecord record) {
        return new JsonObject().put("shortHash", key.shortHash())
                .put("createdAt", record.createdAt().toEpochMilli())
                .put("lastAccessedAt", record.lastAccessedAt().toEpochMilli())
                .put("expiresAt", record.expiresAt().toEpochMilli())
                .put("principal", record.principal())
                .put("expiresInSeconds", Math.max(0, record.expiresAt().getEpochSecond() - Instant.now().getEpochSecond()))
                .put("keys", new JsonArray(record.values().keySet().stream().sorted().toList()))
                .put("values", record.values().size())
                .put("size", sizeOf(record.values()));
    }

    private static long sizeOf(Map<String, byte[]> values) {
        long bytes = 0;
        for (Map.Entry<String, byte[]> value : values.entrySet()) {
            bytes += value.getKey().length() + value.getValue().length;
        }
        return bytes;
    }

    /** The values as one JSON object, by key in order; a value that is not valid JSON is shown as its text. */
    private String prettyValues(Map<String, byte[]> values) {
        ObjectNode object = json.createObjectNode();
        values.keySet().stream().sorted().forEach(key -> {
            byte[] value = values.get(key);
            try {
                object.set(key, json.readTree(value));
            } catch (IOException e) {
                object.put(key, new String(value, StandardCharsets.UTF_8));
            }
        });
        try {
            return json.writeValueAsString(object);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree always serializes", e);
        }
    }
}
