package io.quarkiverse.session.redis.deployment;

import io.quarkiverse.session.deployment.SessionStoreProviderBuildItem;
import io.quarkiverse.session.redis.runtime.RedisStoreBuildTimeConfig;
import io.quarkiverse.session.redis.runtime.RedisStoreRecorder;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.redis.deployment.client.RequestedRedisClientBuildItem;
import io.quarkus.redis.runtime.client.config.RedisConfig;

/**
 * Contributes the Redis store, under the name {@code redis}, and asks the Redis client extension for the client it
 * uses. As the only store extension of an application it is the store used when {@code quarkus.session.store} is not
 * set.
 */
class RedisStoreProcessor {

    static final String STORE_NAME = "redis";
    private static final String FEATURE = "session-redis";
    /** The requests that may wait for a connection of the Redis client's pool, unless the application says otherwise. */
    static final String MAX_POOL_WAITING = "1024";

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * The Redis client extension creates only the clients the application injects or an extension requests.
     */
    @BuildStep
    RequestedRedisClientBuildItem requestRedisClient(RedisStoreBuildTimeConfig config) {
        return new RequestedRedisClientBuildItem(config.clientName().orElse(RedisConfig.DEFAULT_CLIENT_NAME));
    }

    /**
     * Every request that uses its session borrows a connection of the client's pool, twice: with the Redis client's
     * default queue of 24 requests waiting for a connection, a burst of a few dozen requests would fail with
     * {@code 503}. A longer queue makes them wait their turn instead; the application's own setting wins.
     */
    @BuildStep
    RunTimeConfigurationDefaultBuildItem queueRequestsForConnections(RedisStoreBuildTimeConfig config) {
        String client = config.clientName().filter(name -> !RedisConfig.isDefaultClient(name))
                .map(name -> "quarkus.redis.\"" + name + "\".").orElse("quarkus.redis.");
        return new RunTimeConfigurationDefaultBuildItem(client + "max-pool-waiting", MAX_POOL_WAITING);
    }

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem redisStore(RedisStoreRecorder recorder, RedisStoreBuildTimeConfig config) {
        String clientName = config.clientName().filter(name -> !RedisConfig.isDefaultClient(name)).orElse(null);
        return new SessionStoreProviderBuildItem(STORE_NAME, recorder.redisStore(clientName));
    }
}
