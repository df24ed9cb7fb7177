package io.quarkiverse.session.redis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Free TCP ports on 127.0.0.1, found by binding port 0 and closing again. Another process may take a port between
 * the check and redis-server's bind; {@link RedisServerProcess} then retries on a new port.
 */
final class LoopbackPorts {

    /** Redis Cluster nodes talk to each other on their client port plus this. */
    static final int CLUSTER_BUS_OFFSET = 10000;

    private static final int ATTEMPTS = 100;

    private LoopbackPorts() {
    }

    /** A free port. */
    static int free() {
        return bindAndRelease(0);
    }

    /** A free port whose cluster bus port (port + 10000) is a valid port and free too. */
    static int freeWithClusterBus() {
        for (int i = 0; i < ATTEMPTS; i++) {
            int port = free();
            if (port + CLUSTER_BUS_OFFSET < 65536 && isFree(port + CLUSTER_BUS_OFFSET)) {
                return port;
            }
        }
        throw new IllegalStateException("No free port with a free cluster bus port (+" + CLUSTER_BUS_OFFSET
                + ") found on 127.0.0.1 after " + ATTEMPTS + " attempts");
    }

    private static boolean isFree(int port) {
        try {
            bindAndRelease(port);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static int bindAndRelease(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            // Like redis-server, which sets SO_REUSEADDR: a port in TIME_WAIT counts as free.
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress("127.0.0.1", port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Port " + port + " on 127.0.0.1 is taken", e);
        }
    }
}
