package io.quarkiverse.session.postgresql.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1, found by binding port 0 and closing again. Another process may take a port between
 * the check and the postmaster's bind; {@link PostgresServerProcess} then retries on a new port.
 */
final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /** A free port. */
    static int free() {
        try (ServerSocket socket = new ServerSocket()) {
            // Like the postmaster, which sets SO_REUSEADDR: a port in TIME_WAIT counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port on 127.0.0.1", e);
        }
    }
}
