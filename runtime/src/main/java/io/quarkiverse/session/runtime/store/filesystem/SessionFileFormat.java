package io.quarkiverse.session.runtime.store.filesystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import io.quarkiverse.session.runtime.lifecycle.PrincipalNames;
import io.quarkiverse.session.spi.SessionKey;

/**
 * The content of a session file:
 * {@code {"format":1,"expires":…,"created":…,"lastAccessed":…,"idleTimeout":…,"values":{…}}}, times in epoch
 * milliseconds, values as the JSON they were given. Jackson's streaming API only (no data binding, no reflection).
 * <p>
 * A session bound to a principal is written as version {@value #BOUND_VERSION}, with a {@code "principal"} field before
 * its values; one bound to none as version {@value #UNBOUND_VERSION}, without it, exactly as before principals existed.
 * So the files of the previous version load, unbound, and a rollback to it keeps the anonymous sessions but cannot read
 * the bound ones, which it deletes: it would otherwise drop their principal, and "log out everywhere" would miss them
 * once rolled forward again. A principal is read as strictly as it is written: a string of at most
 * {@value #MAX_PRINCIPAL_LENGTH} characters, well-formed UTF-16; anything else makes the file unreadable.
 * <p>
 * Every value accepted by {@link #checkValues} must stay readable by {@link #decode}: both use the same limits, and the
 * file allows two levels of nesting more than a value. Neither a value nor a parser message, which may quote one, ever
 * goes into an exception or a log line.
 */
final class SessionFileFormat {

    private static final Logger LOG = Logger.getLogger(SessionFileFormat.class);

    /**
     * The version of the files of sessions bound to no principal, which have no {@code "principal"} field. Files of any
     * version but this one and {@link #BOUND_VERSION} are unreadable: a change of the format changes both.
     */
    static final int UNBOUND_VERSION = 1;
    /** The version of the files of sessions bound to a principal, which have a {@code "principal"} field. */
    static final int BOUND_VERSION = 2;
    /** The longest principal name, in UTF-16 characters, that a session file holds. */
    static final int MAX_PRINCIPAL_LENGTH = PrincipalNames.MAX_LENGTH;

    private static final String FORMAT = "format";
    private static final String EXPIRES = "expires";
    private static final String CREATED = "created";
    private static final String LAST_ACCESSED = "lastAccessed";
    private static final String IDLE_TIMEOUT = "idleTimeout";
    private static final String PRINCIPAL = "principal";
    private static final String VALUES = "values";

    // The limits of the values are Jackson's defaults, except for names: session keys are not checked by parsing, so no
    // length of theirs may make a file unreadable.
    private static final StreamReadConstraints VALUE_CONSTRAINTS = StreamReadConstraints.builder()
            .maxNameLength(Integer.MAX_VALUE)
            .build();

    /** Checks the values given to the store, with the limits the files are read with. */
    private static final JsonFactory VALUE_JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(VALUE_CONSTRAINTS)
            .build();

    /**
     * Writes and reads the files. A file nests the values two levels deep, so it allows two levels more than a value may
     * have: every file this store writes, it can read. Parse errors never quote the file, which holds session data.
     */
    private static final JsonFactory FILE_JSON = JsonFactory.builder()
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            // Characters outside the BMP as four UTF-8 bytes, as the application's mapper writes them, not as escapes.
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .streamReadConstraints(VALUE_CONSTRAINTS.rebuild()
                    .maxNestingDepth(VALUE_CONSTRAINTS.getMaxNestingDepth() + 2)
                    .build())
            .build();

    /** What a read keeps of the values: all of them, their keys only for listing, or nothing for the sweep. */
    enum ValueMode {
        COPY,
        KEYS,
        SKIP
    }

    private SessionFileFormat() {
    }

    /**
     * Writes a session; the expiry comes early, where a sweep finds it first. Values are copied as they are, already
     * checked.
     */
    static byte[] encode(StoredSession stored) throws IOException {
        int size = 160;
        for (Map.Entry<String, byte[]> value : stored.values.entrySet()) {
            size += value.getKey().length() + value.getValue().length + 4;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try (JsonGenerator generator = FILE_JSON.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeNumberField(FORMAT, stored.principal == null ? UNBOUND_VERSION : BOUND_VERSION);
            generator.writeNumberField(EXPIRES, stored.expiresAt);
            generator.writeNumberField(CREATED, stored.createdAt);
            generator.writeNumberField(LAST_ACCESSED, stored.lastAccessedAt);
            if (stored.idleTimeout != null) {
                generator.writeNumberField(IDLE_TIMEOUT, stored.idleTimeout);
            }
            if (stored.principal != null) {
                generator.writeStringField(PRINCIPAL, stored.principal);
            }
            generator.writeFieldName(VALUES);
            generator.writeStartObject();
            for (Map.Entry<String, byte[]> value : stored.values.entrySet()) {
                generator.writeFieldName(value.getKey());
                generator.writeRawValue(new String(value.getValue(), StandardCharsets.UTF_8));
            }
            generator.writeEndObject();
            generator.writeEndObject();
        }
        return out.toByteArray();
    }

    /**
     * Parses a session's file, or returns {@code null} if it is not one this version wrote: the bytes are in memory, so
     * any failure is a malformed file, not an I/O error.
     */
    static StoredSession decodeOrNull(SessionKey key, byte[] content, ValueMode mode) {
        try {
            return decode(content, mode);
        } catch (IOException | RuntimeException e) {
            // Neither the content nor the parser's message, which may quote it, is logged.
            LOG.debugf("Session %s: the file cannot be parsed (%s), treated as absent", key.shortHash(),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Parses a file strictly: one object, a known format version, every time present, a valid principal if and only if
     * the version is {@link #BOUND_VERSION}, nothing after the object. Fields this version does not know are skipped.
     */
    private static StoredSession decode(byte[] content, ValueMode mode) throws IOException {
        try (JsonParser parser = FILE_JSON.createParser(content)) {
            require(parser, parser.nextToken() == JsonToken.START_OBJECT, "not an object");
            StoredSession stored = new StoredSession();
            long version = -1;
            boolean created = false;
            boolean lastAccessed = false;
            boolean expires = false;
            boolean values = false;
            boolean principal = false;
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                parser.nextToken();
                switch (field) {
                    case FORMAT -> version = longValue(parser);
                    case EXPIRES -> {
                        stored.expiresAt = longValue(parser);
                        expires = true;
                    }
                    case CREATED -> {
                        stored.createdAt = longValue(parser);
                        created = true;
                    }
                    case LAST_ACCESSED -> {
                        stored.lastAccessedAt = longValue(parser);
                        lastAccessed = true;
                    }
                    case IDLE_TIMEOUT -> stored.idleTimeout = longValue(parser);
                    case PRINCIPAL -> {
                        require(parser, parser.currentToken() == JsonToken.VALUE_STRING, "a principal is not a string");
                        stored.principal = parser.getText();
                        require(parser, isValidPrincipal(stored.principal), "an invalid principal");
                        principal = true;
                    }
                    case VALUES -> {
                        readValues(parser, stored, mode);
                        values = true;
                    }
                    default -> parser.skipChildren();
                }
            }
            require(parser, parser.currentToken() == JsonToken.END_OBJECT, "not an object");
            require(parser, parser.nextToken() == null, "content after the object");
            require(parser, version == UNBOUND_VERSION || version == BOUND_VERSION, "unknown format version");
            require(parser, principal == (version == BOUND_VERSION), "a principal in a file of the wrong version");
            require(parser, created && lastAccessed && expires && values, "missing fields");
            return stored;
        }
    }

    /**
     * Rejects a value that is not a single well-formed JSON value, by reading it exactly as a load will: the file that
     * holds it would otherwise be unreadable, and the whole session lost.
     */
    static void checkValues(Map<String, byte[]> values) {
        for (Map.Entry<String, byte[]> value : values.entrySet()) {
            boolean single;
            try (JsonParser parser = VALUE_JSON.createParser(value.getValue())) {
                single = parser.nextToken() != null;
                if (single) {
                    copyValue(parser, OutputStream.nullOutputStream());
                    single = parser.nextToken() == null;
                }
            } catch (IOException | RuntimeException e) {
                single = false;
            }
            if (!single) {
                throw new IllegalArgumentException("The value of session key '" + value.getKey()
                        + "' is not a single well-formed JSON value");
            }
        }
    }

    /**
     * Rejects a principal name that no session file may hold, before anything is written.
     */
    static void checkPrincipal(String principal) {
        if (principal != null && !isValidPrincipal(principal)) {
            // Not the name: it is the user's.
            throw new IllegalArgumentException("A principal name of " + principal.length() + " characters cannot be "
                    + "stored by the filesystem store: at most " + MAX_PRINCIPAL_LENGTH
                    + " characters of well-formed UTF-16 (no lone surrogate)");
        }
    }

    /**
     * Whether a name can be a principal in a file: the rule of every store ({@link PrincipalNames}), whose ban of lone
     * surrogates matters here, since UTF-8 cannot encode them (two such names would share the file's bytes and the
     * index's hash).
     */
    static boolean isValidPrincipal(String principal) {
        return PrincipalNames.isValid(principal);
    }

    private static void readValues(JsonParser parser, StoredSession stored, ValueMode mode) throws IOException {
        require(parser, parser.currentToken() == JsonToken.START_OBJECT, "values not an object");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String key = parser.currentName();
            parser.nextToken();
            switch (mode) {
                case COPY -> stored.values.put(key, copyValue(parser, null));
                case KEYS -> {
                    stored.keys.add(key);
                    parser.skipChildren();
                }
                case SKIP -> parser.skipChildren();
            }
        }
    }

    /**
     * Copies the value at the parser's current token as compact JSON. Numbers are copied exactly, never through a
     * {@code double}: a {@code BigDecimal} stored in a session comes back with all its digits.
     *
     * @param sink where to copy, or {@code null} to return the copy
     */
    private static byte[] copyValue(JsonParser parser, OutputStream sink) throws IOException {
        ByteArrayOutputStream copy = sink == null ? new ByteArrayOutputStream(64) : null;
        try (JsonGenerator generator = FILE_JSON.createGenerator(sink == null ? copy : sink)) {
            generator.copyCurrentStructureExact(parser);
        }
        return copy == null ? null : copy.toByteArray();
    }

    private static long longValue(JsonParser parser) throws IOException {
        require(parser, parser.currentToken() == JsonToken.VALUE_NUMBER_INT, "a time is not an integer");
        return parser.getLongValue();
    }

    private static void require(JsonParser parser, boolean condition, String problem) throws JsonParseException {
        if (!condition) {
            throw new JsonParseException(parser, "Not a session file: " + problem);
        }
    }
}
