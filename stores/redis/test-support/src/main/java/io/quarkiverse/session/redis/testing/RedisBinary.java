package io.quarkiverse.session.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import redis.embedded.core.ExecutableProvider;

/**
 * The redis-server executable that embedded-redis bundles for this OS and architecture (6.2 on linux-amd64), copied out
 * of its jar once per JVM into a temporary file that is executable and deleted when the JVM exits.
 * <p>
 * Only embedded-redis' binaries are used: its own server classes give no cluster mode of our own making, no restart on
 * the same port and no control of the command line, which the tests need.
 */
final class RedisBinary {

    private RedisBinary() {
    }

    /** The executable's path; the first call copies it out of the jar. */
    static Path path() {
        return Holder.PATH;
    }

    private static final class Holder {
        static final Path PATH = extract();

        private static Path extract() {
            try {
                return ExecutableProvider.newJarResourceProvider().get().toPath();
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot copy redis-server out of the embedded-redis jar", e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("embedded-redis bundles no redis-server for " + System.getProperty("os.name")
                        + " " + System.getProperty("os.arch"), e);
            }
        }
    }
}
