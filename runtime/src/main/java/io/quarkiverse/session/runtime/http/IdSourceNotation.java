package io.quarkiverse.session.runtime.http;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.quarkiverse.session.SessionIdSource;
import io.quarkiverse.session.runtime.config.SessionConfig.CookieConfig;
import io.quarkiverse.session.runtime.config.SessionConfigValidator;
import io.quarkiverse.session.runtime.http.RequestValueIdSource.Kind;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Reads {@code quarkus.session.id-sources}, the reference middleware's lookup notation: {@code cookie},
 * {@code cookie:NAME}, {@code header:NAME}, {@code query:NAME}, {@code form:NAME}, {@code param:NAME}, or the name of an
 * application's {@link SessionIdSource} bean. Anything else fails startup with the accepted notation.
 */
public final class IdSourceNotation {

    public static final String PROPERTY = "quarkus.session.id-sources";
    private static final Set<String> BUILT_IN = Set.of(CookieIdSource.KIND, HeaderIdSource.KIND, Kind.QUERY.name,
            Kind.FORM.name, Kind.PARAM.name);
    private static final String NOTATION = "write each entry as cookie (the cookie of quarkus.session.cookie.*), "
            + "cookie:NAME, header:NAME, query:NAME, form:NAME, param:NAME or the name of an application "
            + "SessionIdSource bean, separated by commas, e.g. cookie:session_id,header:X-Session-ID,query:session_id";

    private IdSourceNotation() {
    }

    /**
     * The chain the property describes; without the property, the cookie of {@code quarkus.session.cookie.*}.
     *
     * @param applicationSources the application's own sources
     * @throws ConfigurationException naming the property and the accepted notation
     */
    public static IdSourceChain parse(Optional<List<String>> entries, CookieConfig cookie,
            List<SessionIdSource> applicationSources) {
        Map<String, SessionIdSource> byName = applicationSourcesByName(applicationSources);
        if (entries.isEmpty()) {
            return new IdSourceChain(List.of(new CookieIdSource(cookie)));
        }
        List<SessionIdSource> sources = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String raw : entries.get()) {
            String entry = raw.trim();
            SessionIdSource source = source(entry, cookie, byName);
            // One cookie and one header at most: the response writes back to each of them.
            String identity = source.writesBack() ? source.name() : entry;
            if (!seen.add(identity)) {
                fail("'" + entry + "' repeats a source: a chain holds each source once, and at most one cookie and one "
                        + "header, which the response writes back to");
            }
            sources.add(source);
        }
        if (sources.isEmpty()) {
            fail("the list is empty; " + NOTATION);
        }
        return new IdSourceChain(sources);
    }

    private static SessionIdSource source(String entry, CookieConfig cookie, Map<String, SessionIdSource> byName) {
        int colon = entry.indexOf(':');
        if (colon < 0) {
            if (entry.equals(CookieIdSource.KIND)) {
                return new CookieIdSource(cookie);
            }
            SessionIdSource own = byName.get(entry);
            if (own == null) {
                fail("'" + entry + "' is not a session ID source; " + NOTATION
                        + (byName.isEmpty() ? "" : " (the application's sources: " + new TreeSet<>(byName.keySet()) + ")"));
            }
            return own;
        }
        String kind = entry.substring(0, colon).trim();
        String name = entry.substring(colon + 1).trim();
        if (!BUILT_IN.contains(kind) || name.isEmpty()) {
            fail("'" + entry + "' is not a session ID source; " + NOTATION);
        }
        return switch (kind) {
            case CookieIdSource.KIND -> {
                SessionConfigValidator.validateCookieName(name, cookie, PROPERTY);
                yield new CookieIdSource(cookie, name);
            }
            case HeaderIdSource.KIND -> new HeaderIdSource(token(entry, name));
            default -> new RequestValueIdSource(kindNamed(kind), parameter(entry, name));
        };
    }

    private static Map<String, SessionIdSource> applicationSourcesByName(List<SessionIdSource> sources) {
        Map<String, SessionIdSource> byName = new HashMap<>();
        for (SessionIdSource source : sources) {
            String name = source.name();
            if (name == null || name.isEmpty() || !name.chars().allMatch(IdSourceNotation::isNameChar)
                    || BUILT_IN.contains(name)) {
                fail("the application's SessionIdSource " + source.getClass().getName() + " is named '" + name
                        + "': name it with letters, digits, - and _, and not " + new TreeSet<>(BUILT_IN));
            }
            SessionIdSource other = byName.put(name, source);
            if (other != null) {
                fail("the application's SessionIdSources " + other.getClass().getName() + " and "
                        + source.getClass().getName() + " are both named '" + name + "': give each a name of its own");
            }
        }
        return byName;
    }

    private static Kind kindNamed(String kind) {
        for (Kind candidate : Kind.values()) {
            if (candidate.name.equals(kind)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException(kind);
    }

    /** A header name: an HTTP token (RFC 9110). */
    private static String token(String entry, String name) {
        if (!name.chars().allMatch(c -> isNameChar(c) || "!#$%&'*+.^`|~".indexOf(c) >= 0)) {
            fail("'" + entry + "': '" + name + "' is not a valid header name");
        }
        return name;
    }

    /** A query, form or path parameter name: the characters a URL carries without encoding. */
    private static String parameter(String entry, String name) {
        if (!name.chars().allMatch(c -> isNameChar(c) || c == '.' || c == '~')) {
            fail("'" + entry + "': '" + name + "' is not a valid parameter name: use letters, digits and -._~");
        }
        return name;
    }

    private static boolean isNameChar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    }

    private static void fail(String reason) {
        throw new ConfigurationException("Invalid " + PROPERTY + ": " + reason, Set.of(PROPERTY));
    }
}
