package io.quarkiverse.session.runtime.store.cookie;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

import org.jboss.logging.Logger;

import io.quarkiverse.session.runtime.lifecycle.SessionIdGenerator;

/**
 * The cookie store's secret in dev mode when {@code quarkus.session.secret} is not set: generated once and kept in a
 * file of the build's output directory ({@code target/}), so cookies sealed before a live reload, or before dev mode was
 * restarted, still open after it, and a {@code mvn clean} ends them.
 * <p>
 * Invariants: only the dev-mode build passes a file here (production and test builds never do), and the recorder
 * checks the launch mode again; the secret is never logged, only the file's path; a file whose content fails
 * {@link CookieSecretCheck} is replaced by a new secret; when the file cannot be read or written, the secret of this
 * dev-mode session is kept in memory instead, so at least live reloads keep it.
 */
final class DevModeSecret {

    private static final Logger LOG = Logger.getLogger(DevModeSecret.class);
    private static final int RANDOM_BYTES = 48;

    /** The secret when the file could not be used: the class lives as long as the dev-mode session, not the restart. */
    private static String inMemory;

    private DevModeSecret() {
    }

    /** The secret kept in {@code file}, generated and written there if it holds none that can be used. */
    static synchronized String of(Path file) {
        try {
            String kept = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (CookieSecretCheck.weakness(kept) == null) {
                return kept;
            }
            LOG.warnf("The dev-mode session secret in %s cannot be used; a new one replaces it", file);
        } catch (NoSuchFileException first) {
            // The first start of dev mode after a clean build: generated below.
        } catch (IOException e) {
            LOG.warnf("Cannot read the dev-mode session secret in %s (%s); a new one replaces it", file, e.getMessage());
        }
        String secret = generate();
        try {
            write(file, secret);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.warnf("Cannot keep the dev-mode session secret in %s (%s): cookie sessions survive live reloads, but "
                    + "not a restart of dev mode", file, e.getMessage());
            if (inMemory == null) {
                inMemory = secret;
            }
            return inMemory;
        }
        return secret;
    }

    private static String generate() {
        byte[] random = new byte[RANDOM_BYTES];
        SessionIdGenerator.randomBytes(random);
        return Base64.getEncoder().encodeToString(random);
    }

    /** Written to a private temporary file first, then moved: a reader never sees half a secret. */
    private static void write(Path file, String secret) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".session-secret", ".tmp");
        try {
            if (temporary.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(temporary, secret + "\n", StandardCharsets.US_ASCII);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
