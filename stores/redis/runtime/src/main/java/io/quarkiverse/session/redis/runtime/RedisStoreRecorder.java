package io.quarkiverse.session.redis.runtime;

import java.time.Duration;
import java.util.Set;
import java.util.function.Supplier;

import io.quarkiverse.session.spi.SessionStore;
import io.quarkus.arc.ActiveResult;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableInstance;
import io.quarkus.redis.client.RedisClientName;
import io.quarkus.redis.runtime.client.config.RedisClientConfig;
import io.quarkus.redis.runtime.client.config.RedisConfig;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;

@Recorder
public class RedisStoreRecorder {

    static final String CLIENT_NAME = "quarkus.session.redis.client-name";
    private static final String TIMEOUT = "quarkus.session.redis.timeout";
    private static final String CONNECTIONS = "quarkus.session.redis.connections";

    /** The Redis client's {@code max-pool-size} when the client has no configuration of its own. */
    private static final int DEFAULT_POOL_SIZE = 6;

    private final RuntimeValue<RedisStoreConfig> config;
    private final RuntimeValue<RedisConfig> redisConfig;

    public RedisStoreRecorder(RuntimeValue<RedisStoreConfig> config, RuntimeValue<RedisConfig> redisConfig) {
        this.config = config;
        this.redisConfig = redisConfig;
    }

    /**
     * Creates the Redis store when it is the one selected, on the Redis client the build asked for.
     *
     * @param clientName the name of the Redis client, {@code null} for the default client
     */
    public Supplier<SessionStore> redisStore(String clientName) {
        return () -> {
            Duration timeout = config.getValue().timeout();
            if (timeout.isZero() || timeout.isNegative()) {
                throw new ConfigurationException(TIMEOUT + " must be positive, got " + timeout
                        + ": set it to how long one request to Redis may take, such as 2S", Set.of(TIMEOUT));
            }
            String name = clientName == null ? RedisConfig.DEFAULT_CLIENT_NAME : clientName;
            RedisClientConfig client = redisConfig.getValue().clients().get(name);
            return new RedisSessionStore(activeClient(clientName), config.getValue().keyPrefix(), timeout,
                    client != null && client.clientType() == RedisClientType.CLUSTER, connections(client));
        };
    }

    private int connections(RedisClientConfig client) {
        int poolSize = client == null ? DEFAULT_POOL_SIZE : client.maxPoolSize();
        int connections = config.getValue().connections().orElse(Math.max(1, (poolSize + 1) / 2));
        if (connections < 1) {
            throw new ConfigurationException(CONNECTIONS + " must be at least 1, got " + connections
                    + ": set it to how many connections of the Redis client's pool the store may keep, or remove it",
                    Set.of(CONNECTIONS));
        }
        return connections;
    }

    private static Redis activeClient(String clientName) {
        InjectableInstance<Redis> clients = clientName == null ? Arc.container().select(Redis.class)
                : Arc.container().select(Redis.class, RedisClientName.Literal.of(clientName));
        ActiveResult active = clients.isResolvable() ? clients.getHandle().getBean().checkActive()
                : ActiveResult.inactive("it has no bean");
        if (!active.value()) {
            String hosts = clientName == null ? "quarkus.redis.hosts" : "quarkus.redis." + clientName + ".hosts";
            String client = clientName == null
                    ? "the default Redis client (" + CLIENT_NAME + " is not set)"
                    : "the Redis client '" + clientName + "' (" + CLIENT_NAME + "=" + clientName + ")";
            String devServices = clientName == null
                    ? " (in dev mode and tests with a container runtime, the Redis Dev Services set it)"
                    : "";
            throw new ConfigurationException("The Redis session store uses " + client + ", which is not active: set "
                    + hosts + devServices + ", or set " + CLIENT_NAME + " to the name of a configured Redis client. "
                    + "The Redis client extension says: " + active.inactiveReason().strip(), Set.of(CLIENT_NAME, hosts));
        }
        return clients.get();
    }
}
