package io.quarkiverse.session.runtime.store.filesystem;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import io.quarkiverse.session.spi.SessionKey;
import io.quarkiverse.session.spi.SessionPage;
import io.quarkiverse.session.spi.SessionRecord;
import io.quarkiverse.session.spi.SessionStore;
import io.quarkiverse.session.spi.SessionSummary;
import io.quarkiverse.session.spi.SessionUpdate;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;

/**
 * Sessions as files in a directory, one file per session: they survive restarts of the application.
 * <p>
 * <b>Names.</b> A session's file is named after the hash of its ID, {@link SessionKey#toHex()}, plus {@code .json}: no
 * text sent by a client ever reaches the file system, and a copy of the directory holds no usable session cookie. Files
 * whose names do not have exactly this form (or the form of this store's temporary files) are never read, listed or
 * deleted, so pointing the store at the wrong directory cannot cost anyone their files.
 * <p>
 * <b>Format.</b> A small JSON document: a format version, the times in epoch milliseconds, and the values as the JSON
 * they were given. It is written and read with Jackson's streaming API only, without data binding or reflection, so it
 * works the same in a native image. Values are checked when they are stored: one that is not a single well-formed JSON
 * value is rejected, rather than written into a file that could then not be read.
 * <p>
 * <b>Atomicity.</b> Every write goes to a temporary file in the same directory, whose name does not end with
 * {@code .json}; the file is forced to the device and then renamed over the session's file in one atomic move. A crash
 * or a {@code kill -9} at any instant therefore leaves either the previous file or the new one, never a partial one; at
 * worst a temporary file is left behind, which {@link #list} ignores and {@link #expire} deletes once it is a minute
 * old. The directory is forced to the device after deletions and key changes, so that a session ID that was logged out
 * or regenerated does not come back after a power failure; a power failure may lose the latest creations and updates,
 * but cannot tear them. A file that cannot be read anyway (truncated or replaced by something else, or written by an
 * unknown format version) is treated as absent, and deleted by the next {@link #expire} sweep.
 * <p>
 * <b>Locking.</b> An update reads the session's file, applies its changes and writes the file back while holding one of
 * 256 locks chosen by the key. Concurrent updates of one session are thus applied one after the other and none is lost,
 * and an update that was in flight when its session was deleted or moved cannot write it back. Loads take no lock: a
 * rename replaces a file atomically, so they see either version. These locks exist in this process only: several
 * processes sharing one directory are <em>not</em> coordinated. Every file still stays whole, but concurrent updates of
 * one session from two processes can lose one of them, and a session deleted by one process can be written back by an
 * update in flight in another. Share a directory between instances only when each session is served by one instance at
 * a time (sticky sessions).
 * <p>
 * <b>Permissions.</b> Where the file system supports POSIX permissions, the directory is created with {@code 0700} and
 * every file with {@code 0600}, as they are created rather than changed afterwards, so that no other user can open them
 * at any instant. A directory that already exists keeps its permissions; missing parent directories are created with the
 * process defaults.
 * <p>
 * Every operation does its file I/O on a worker thread of Mutiny's default pool, never on the caller's thread, and fails
 * its {@link Uni} on real I/O errors such as a full disk or a denied permission. The directory is created on the first
 * write, and again if it disappears.
 */
public final class FilesystemSessionStore implements SessionStore {

    private static final Logger LOG = Logger.getLogger(FilesystemSessionStore.class);

    /** The version of the file format, written in every file. Files of any other version are unreadable. */
    static final int FORMAT_VERSION = 1;
    static final String SUFFIX = ".json";
    static final String TEMP_SUFFIX = ".tmp";
    /** How old a temporary file must be before a sweep deletes it: far longer than any write takes. */
    static final Duration STALE_TEMP_AGE = Duration.ofMinutes(1);

    private static final int HEX_LENGTH = 64;
    private static final int RANDOM_HEX_LENGTH = 16;
    private static final int SESSION_NAME_LENGTH = HEX_LENGTH + SUFFIX.length();
    // "." + key + "." + random + ".tmp"
    private static final int TEMP_NAME_LENGTH = 1 + HEX_LENGTH + 1 + RANDOM_HEX_LENGTH + TEMP_SUFFIX.length();
    private static final int STRIPES = 256;

    private static final String FORMAT = "format";
    private static final String EXPIRES = "expires";
    private static final String CREATED = "created";
    private static final String LAST_ACCESSED = "lastAccessed";
    private static final String IDLE_TIMEOUT = "idleTimeout";
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

    private final Path directory;
    private final boolean posix;
    private final FileAttribute<?>[] directoryAttributes;
    private final FileAttribute<?>[] fileAttributes;
    private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

    /**
     * Creates a store over a directory, which is created on the first write if it does not exist. Does no I/O.
     */
    public FilesystemSessionStore(Path directory) {
        this.directory = directory.toAbsolutePath().normalize();
        this.posix = this.directory.getFileSystem().supportedFileAttributeViews().contains("posix");
        this.directoryAttributes = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")) }
                : new FileAttribute<?>[0];
        this.fileAttributes = posix
                ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
                : new FileAttribute<?>[0];
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /**
     * Returns the absolute directory that holds the session files.
     */
    public Path directory() {
        return directory;
    }

    @Override
    public Uni<SessionRecord> load(SessionKey key) {
        return onWorker(() -> {
            Stored stored = read(key, ValueMode.COPY);
            return stored == null ? null : stored.toRecord();
        });
    }

    @Override
    public Uni<Void> create(SessionKey key, SessionRecord session) {
        return onWorker(() -> {
            checkValues(session.values());
            byte[] content = encode(Stored.of(session));
            ReentrantLock lock = lockOf(key);
            lock.lock();
            try {
                write(key, content);
            } finally {
                lock.unlock();
            }
            return null;
        });
    }

    @Override
    public Uni<Boolean> update(SessionKey key, SessionUpdate update) {
        return onWorker(() -> {
            // Checked before taking the lock: parsing the values is the only costly part that needs no file.
            checkValues(update.puts());
            ReentrantLock lock = lockOf(key);
            lock.lock();
            try {
                Stored stored = read(key, ValueMode.COPY);
                if (stored == null) {
                    // Deleted, moved or never created: writing now would bring a dead session back.
                    return false;
                }
                stored.apply(update);
                write(key, encode(stored));
                return true;
            } finally {
                lock.unlock();
            }
        });
    }

    @Override
    public Uni<Boolean> changeKey(SessionKey from, SessionKey to) {
        return onWorker(() -> {
            // A fixed order, so that two moves between the same stripes cannot deadlock.
            int fromStripe = stripeOf(from);
            int toStripe = stripeOf(to);
            ReentrantLock first = locks[Math.min(fromStripe, toStripe)];
            ReentrantLock second = locks[Math.max(fromStripe, toStripe)];
            first.lock();
            second.lock();
            try {
                if (read(from, ValueMode.SKIP) == null) {
                    // An unreadable file is no session: moving it would only make the new ID look valid.
                    return false;
                }
                Files.move(fileOf(from), fileOf(to), StandardCopyOption.ATOMIC_MOVE);
                syncDirectory();
                return true;
            } catch (NoSuchFileException e) {
                // Deleted by something outside this process between the read and the move.
                return false;
            } finally {
                second.unlock();
                first.unlock();
            }
        });
    }

    @Override
    public Uni<Boolean> delete(SessionKey key) {
        return onWorker(() -> {
            ReentrantLock lock = lockOf(key);
            lock.lock();
            try {
                boolean deleted = Files.deleteIfExists(fileOf(key));
                if (deleted) {
                    syncDirectory();
                }
                return deleted;
            } finally {
                lock.unlock();
            }
        });
    }

    /**
     * Lists the sessions in the order of their file names. The cursor is the name of the last file of the previous page;
     * sessions created after the listing started may be missed, as in any browse of a live set.
     */
    @Override
    public Uni<SessionPage> list(String cursor, int limit) {
        if (limit < 1) {
            return Uni.createFrom().failure(new IllegalArgumentException("limit must be positive, got " + limit));
        }
        return onWorker(() -> {
            List<String> names = firstNamesAfter(cursor, limit + 1L);
            boolean more = names.size() > limit;
            List<String> pageNames = more ? names.subList(0, limit) : names;
            List<SessionSummary> sessions = new ArrayList<>(pageNames.size());
            for (String name : pageNames) {
                SessionKey key = SessionKey.ofHex(name.substring(0, HEX_LENGTH));
                Stored stored = read(key, ValueMode.KEYS);
                if (stored != null) {
                    sessions.add(stored.toSummary(key));
                }
            }
            return new SessionPage(sessions, more ? pageNames.get(limit - 1) : null);
        });
    }

    /**
     * Deletes the files of expired sessions, the unreadable session files, and the temporary files older than
     * {@link #STALE_TEMP_AGE} at {@code now}, which only a crash can leave behind. Reads every session file: the expiry
     * deadline is in the file, near its start.
     */
    @Override
    public Uni<Integer> expire(Instant now) {
        return onWorker(() -> {
            long nowMillis = now.toEpochMilli();
            int expired = 0;
            int unreadable = 0;
            int temporary = 0;
            int failures = 0;
            IOException firstFailure = null;
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    try {
                        if (isSessionFileName(name)) {
                            switch (sweep(SessionKey.ofHex(name.substring(0, HEX_LENGTH)), nowMillis)) {
                                case EXPIRED -> expired++;
                                case UNREADABLE -> unreadable++;
                                default -> {
                                }
                            }
                        } else if (isTempFileName(name) && isStale(entry, nowMillis) && Files.deleteIfExists(entry)) {
                            temporary++;
                        }
                    } catch (IOException e) {
                        // One file that cannot be read must not keep the others from being swept.
                        failures++;
                        if (firstFailure == null) {
                            firstFailure = e;
                        }
                    }
                }
            } catch (NoSuchFileException e) {
                // Nothing was ever written.
                return 0;
            } catch (DirectoryIteratorException e) {
                throw e.getCause();
            }
            if (expired > 0 || temporary > 0) {
                LOG.debugf("Swept %d expired sessions and %d temporary files from %s", expired, temporary, directory);
            }
            if (unreadable > 0) {
                LOG.warnf("Deleted %d unreadable session files from %s: damaged, written by something other than this "
                        + "store, or by another version of its format", unreadable, directory);
            }
            if (failures > 0) {
                LOG.warnf("Could not check %d session files in %s, the first because of %s", failures, directory,
                        firstFailure.toString());
            }
            return expired;
        });
    }

    private enum Verdict {
        ALIVE,
        EXPIRED,
        UNREADABLE,
        GONE
    }

    private Verdict sweep(SessionKey key, long nowMillis) throws IOException {
        // Most files are alive: decide without the lock, and take it only to confirm a deletion, which an update may have
        // made wrong in between.
        if (examine(key, nowMillis) == Verdict.ALIVE) {
            return Verdict.ALIVE;
        }
        ReentrantLock lock = lockOf(key);
        lock.lock();
        try {
            Verdict verdict = examine(key, nowMillis);
            if (verdict == Verdict.EXPIRED || verdict == Verdict.UNREADABLE) {
                return Files.deleteIfExists(fileOf(key)) ? verdict : Verdict.GONE;
            }
            return verdict;
        } finally {
            lock.unlock();
        }
    }

    private Verdict examine(SessionKey key, long nowMillis) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(fileOf(key));
        } catch (NoSuchFileException e) {
            return Verdict.GONE;
        }
        Stored stored = decodeOrNull(key, content, ValueMode.SKIP);
        if (stored == null) {
            return Verdict.UNREADABLE;
        }
        return stored.expiresAt <= nowMillis ? Verdict.EXPIRED : Verdict.ALIVE;
    }

    private static boolean isStale(Path temp, long nowMillis) throws IOException {
        try {
            return Files.getLastModifiedTime(temp).toMillis() <= nowMillis - STALE_TEMP_AGE.toMillis();
        } catch (NoSuchFileException e) {
            // Renamed into place or deleted meanwhile.
            return false;
        }
    }

    /**
     * Returns, in order, the {@code count} smallest session file names after {@code cursor}, keeping no more than that
     * many in memory however large the directory.
     */
    private List<String> firstNamesAfter(String cursor, long count) throws IOException {
        PriorityQueue<String> smallest = new PriorityQueue<>((int) Math.min(count, 1024), Comparator.reverseOrder());
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!isSessionFileName(name) || (cursor != null && name.compareTo(cursor) <= 0)) {
                    continue;
                }
                if (smallest.size() < count) {
                    smallest.add(name);
                } else if (name.compareTo(smallest.peek()) < 0) {
                    smallest.poll();
                    smallest.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (DirectoryIteratorException e) {
            throw e.getCause();
        }
        List<String> names = new ArrayList<>(smallest);
        Collections.sort(names);
        return names;
    }

    /**
     * Reads a session's file.
     *
     * @return the session, or {@code null} if there is no file or it cannot be parsed
     * @throws IOException if the file exists but cannot be read
     */
    private Stored read(SessionKey key, ValueMode mode) throws IOException {
        byte[] content;
        try {
            content = Files.readAllBytes(fileOf(key));
        } catch (NoSuchFileException e) {
            return null;
        }
        return decodeOrNull(key, content, mode);
    }

    private static Stored decodeOrNull(SessionKey key, byte[] content, ValueMode mode) {
        try {
            return decode(content, mode);
        } catch (IOException | RuntimeException e) {
            // The bytes are in memory: any failure here is a malformed file, not an I/O error. Neither the content nor
            // the parser's message, which may quote it, is logged.
            LOG.debugf("Session %s: the file cannot be parsed (%s), treated as absent", key.shortHash(),
                    e.getClass().getSimpleName());
            return null;
        }
    }

    /**
     * Writes a session's file: a temporary file first, forced to the device, then renamed over the session's file, so
     * that a crash at any instant leaves either the old file or the new one.
     */
    private void write(SessionKey key, byte[] content) throws IOException {
        String hex = key.toHex();
        Path temp = directory.resolve('.' + hex + '.'
                + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()) + TEMP_SUFFIX);
        FileChannel channel = openTemp(temp);
        try {
            try (channel) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                // Before the rename: once the file has its name, its content must survive a power failure too.
                channel.force(true);
            }
            Files.move(temp, directory.resolve(hex + SUFFIX), StandardCopyOption.ATOMIC_MOVE);
        } catch (Throwable e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    private FileChannel openTemp(Path temp) throws IOException {
        try {
            return FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    fileAttributes);
        } catch (NoSuchFileException e) {
            // The first write, or the directory was deleted: create it and try once more.
            createDirectory();
            return FileChannel.open(temp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    fileAttributes);
        }
    }

    private void createDirectory() throws IOException {
        Path parent = directory.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(directory, directoryAttributes);
            LOG.debugf("Created the session directory %s", directory);
        } catch (FileAlreadyExistsException e) {
            // Created by a concurrent write; if it is a file instead, the retried open reports it.
        }
    }

    /**
     * Makes deletions and renames durable. Best effort: some platforms (Windows) cannot open a directory, and the
     * change already holds for this process.
     */
    private void syncDirectory() {
        if (!posix) {
            return;
        }
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            LOG.debugf("Could not force the session directory %s to the device: %s", directory, e.toString());
        }
    }

    private Path fileOf(SessionKey key) {
        return directory.resolve(key.toHex() + SUFFIX);
    }

    private static int stripeOf(SessionKey key) {
        return key.hashCode() & (STRIPES - 1);
    }

    private ReentrantLock lockOf(SessionKey key) {
        return locks[stripeOf(key)];
    }

    static boolean isSessionFileName(String name) {
        return name.length() == SESSION_NAME_LENGTH && name.endsWith(SUFFIX) && isHex(name, 0, HEX_LENGTH);
    }

    static boolean isTempFileName(String name) {
        return name.length() == TEMP_NAME_LENGTH && name.charAt(0) == '.' && isHex(name, 1, 1 + HEX_LENGTH)
                && name.charAt(1 + HEX_LENGTH) == '.'
                && isHex(name, 2 + HEX_LENGTH, 2 + HEX_LENGTH + RANDOM_HEX_LENGTH) && name.endsWith(TEMP_SUFFIX);
    }

    private static boolean isHex(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    @FunctionalInterface
    private interface IoCall<T> {
        T call() throws IOException;
    }

    private static <T> Uni<T> onWorker(IoCall<T> call) {
        return Uni.createFrom().<T> emitter(emitter -> {
            T result;
            try {
                result = call.call();
            } catch (IOException | RuntimeException e) {
                emitter.fail(e);
                return;
            }
            emitter.complete(result);
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    // ---- The file format ----

    /** What a read keeps of the values: all of them, their keys only for listing, or nothing for the sweep. */
    private enum ValueMode {
        COPY,
        KEYS,
        SKIP
    }

    /** A session as read from or written to its file; mutable, used by one thread. */
    private static final class Stored {
        long createdAt;
        long lastAccessedAt;
        long expiresAt;
        /** Milliseconds, or {@code null} for the configured default. */
        Long idleTimeout;
        final Map<String, byte[]> values = new LinkedHashMap<>();
        final Set<String> keys = new LinkedHashSet<>();

        static Stored of(SessionRecord record) {
            Stored stored = new Stored();
            stored.createdAt = record.createdAt().toEpochMilli();
            stored.lastAccessedAt = record.lastAccessedAt().toEpochMilli();
            stored.expiresAt = record.expiresAt().toEpochMilli();
            stored.idleTimeout = record.idleTimeout() == null ? null : record.idleTimeout().toMillis();
            stored.values.putAll(record.values());
            return stored;
        }

        void apply(SessionUpdate update) {
            if (update.lastAccessedAt() != null) {
                lastAccessedAt = update.lastAccessedAt().toEpochMilli();
            }
            if (update.expiresAt() != null) {
                expiresAt = update.expiresAt().toEpochMilli();
            }
            if (update.idleTimeout() != null) {
                idleTimeout = update.idleTimeout().toMillis();
            }
            // Removals first: a key both removed and put by one request ends with the put, as in the memory store.
            values.keySet().removeAll(update.removals());
            values.putAll(update.puts());
        }

        SessionRecord toRecord() {
            return new SessionRecord(Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastAccessedAt),
                    idleTimeout == null ? null : Duration.ofMillis(idleTimeout), Instant.ofEpochMilli(expiresAt),
                    Collections.unmodifiableMap(values));
        }

        SessionSummary toSummary(SessionKey key) {
            return new SessionSummary(key, Instant.ofEpochMilli(createdAt), Instant.ofEpochMilli(lastAccessedAt),
                    Instant.ofEpochMilli(expiresAt), Set.copyOf(keys));
        }
    }

    /**
     * Writes a session as {@code {"format":1,"expires":…,"created":…,"lastAccessed":…,"idleTimeout":…,"values":{…}}};
     * the expiry comes early, where a sweep finds it first. Values are copied as they are, already checked.
     */
    private static byte[] encode(Stored stored) throws IOException {
        int size = 160;
        for (Map.Entry<String, byte[]> value : stored.values.entrySet()) {
            size += value.getKey().length() + value.getValue().length + 4;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(size);
        try (JsonGenerator generator = FILE_JSON.createGenerator(out)) {
            generator.writeStartObject();
            generator.writeNumberField(FORMAT, FORMAT_VERSION);
            generator.writeNumberField(EXPIRES, stored.expiresAt);
            generator.writeNumberField(CREATED, stored.createdAt);
            generator.writeNumberField(LAST_ACCESSED, stored.lastAccessedAt);
            if (stored.idleTimeout != null) {
                generator.writeNumberField(IDLE_TIMEOUT, stored.idleTimeout);
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
     * Parses a file strictly: one object, the known format version, every time present, nothing after the object.
     * Fields this version does not know are skipped.
     */
    private static Stored decode(byte[] content, ValueMode mode) throws IOException {
        try (JsonParser parser = FILE_JSON.createParser(content)) {
            require(parser, parser.nextToken() == JsonToken.START_OBJECT, "not an object");
            Stored stored = new Stored();
            long version = -1;
            boolean created = false;
            boolean lastAccessed = false;
            boolean expires = false;
            boolean values = false;
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
                    case VALUES -> {
                        readValues(parser, stored, mode);
                        values = true;
                    }
                    default -> parser.skipChildren();
                }
            }
            require(parser, parser.currentToken() == JsonToken.END_OBJECT, "not an object");
            require(parser, parser.nextToken() == null, "content after the object");
            require(parser, version == FORMAT_VERSION, "unknown format version");
            require(parser, created && lastAccessed && expires && values, "missing fields");
            return stored;
        }
    }

    private static void readValues(JsonParser parser, Stored stored, ValueMode mode) throws IOException {
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

    /**
     * Rejects a value that is not a single well-formed JSON value, by reading it exactly as a load will: the file that
     * holds it would otherwise be unreadable, and the whole session lost. Neither the value nor the parser's message,
     * which may quote it, goes into the exception: values are user data.
     */
    private static void checkValues(Map<String, byte[]> values) {
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
}
