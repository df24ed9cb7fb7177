package io.quarkiverse.session;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The response a {@link SessionErrorHandler} chooses: a status, headers and an optional text body, written the same way
 * for Quarkus REST endpoints and plain Vert.x routes. Immutable: each method returns a new response.
 * <p>
 * Checked as it is built, so that a handler's mistake fails in the handler, where the extension falls back to the
 * default answer, and never while the response is written: the status is 200 to 599; a header name is an HTTP token,
 * a value holds only visible ASCII, spaces and tabs (no line break, so no header can be injected); {@code Content-Length},
 * {@code Transfer-Encoding} and {@code Content-Type} are the extension's to set (the type comes with the body).
 */
public final class SessionErrorResponse {

    private static final Set<String> RESERVED_HEADERS = Set.of("content-length", "transfer-encoding", "content-type");

    private final int status;
    private final Map<String, String> headers;
    private final String contentType;
    private final String body;

    private SessionErrorResponse(int status, Map<String, String> headers, String contentType, String body) {
        this.status = status;
        this.headers = headers;
        this.contentType = contentType;
        this.body = body;
    }

    /**
     * A response with this status, no header and no body.
     *
     * @throws IllegalArgumentException if the status is not between 200 and 599
     */
    public static SessionErrorResponse withStatus(int status) {
        if (status < 200 || status > 599) {
            throw new IllegalArgumentException("A session error response needs a status from 200 to 599, got " + status);
        }
        return new SessionErrorResponse(status, Map.of(), null, null);
    }

    /**
     * This response with one more header, or with this header's value replaced.
     *
     * @throws IllegalArgumentException if the name is not an HTTP token or is one the extension sets, or the value holds
     *         a control or non-ASCII character
     */
    public SessionErrorResponse header(String name, String value) {
        if (name == null || name.isEmpty() || !name.chars().allMatch(SessionErrorResponse::isTokenChar)) {
            throw new IllegalArgumentException("Not an HTTP header name: " + name);
        }
        if (RESERVED_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("The header " + name + " is set by the extension; give the content "
                    + "type with body(contentType, body)");
        }
        checkText(value, "header " + name);
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new SessionErrorResponse(status, Collections.unmodifiableMap(more), contentType, body);
    }

    /**
     * This response with a body, sent as UTF-8.
     *
     * @param contentType the body's media type, for example {@code application/json}
     * @throws IllegalArgumentException if the content type is no {@code type/subtype} or holds a control or non-ASCII
     *         character, or the body is {@code null}
     */
    public SessionErrorResponse body(String contentType, String body) {
        checkText(contentType, "content type");
        if (!isMediaType(contentType) || body == null) {
            throw new IllegalArgumentException("A body needs a media type, such as application/json, and a text");
        }
        return new SessionErrorResponse(status, headers, contentType, body);
    }

    public int status() {
        return status;
    }

    /** The headers, in the order they were added. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The body's media type, or {@code null} without a body. */
    public String contentType() {
        return contentType;
    }

    /** The body, or {@code null} for none. */
    public String body() {
        return body;
    }

    @Override
    public String toString() {
        return "SessionErrorResponse[" + status + ", headers=" + headers.keySet()
                + (body == null ? "" : ", " + contentType + " body") + "]";
    }

    private static void checkText(String text, String what) {
        if (text == null || text.chars().anyMatch(c -> (c < 0x20 && c != '\t') || c > 0x7e)) {
            throw new IllegalArgumentException("The " + what + " is missing, or holds a control or non-ASCII character");
        }
    }

    /** Whether a content type starts with {@code type/subtype}, both tokens, before any parameter. */
    private static boolean isMediaType(String contentType) {
        int end = contentType.indexOf(';') < 0 ? contentType.length() : contentType.indexOf(';');
        String mediaType = contentType.substring(0, end).trim();
        int slash = mediaType.indexOf('/');
        return slash > 0 && slash < mediaType.length() - 1
                && mediaType.chars().allMatch(c -> c == '/' || isTokenChar(c)) && mediaType.indexOf('/', slash + 1) < 0;
    }

    private static boolean isTokenChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }
}
