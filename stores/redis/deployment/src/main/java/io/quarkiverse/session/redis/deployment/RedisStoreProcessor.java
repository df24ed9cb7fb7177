package io.quarkiverse.session.redis.deployment;

import io.quarkiverse.session.deployment.SessionStoreProviderBuildItem;
import io.quarkiverse.session.redis.runtime.RedisStoreBuildTimeConfig;
import io.quarkiverse.session.redis.runtime.RedisStoreRecorder;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.ExecutionTime;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
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

    @BuildStep
    @Record(ExecutionTime.RUNTIME_INIT)
    SessionStoreProviderBuildItem redisStore(RedisStoreRecorder recorder, RedisStoreBuildTimeConfig config) {
        String clientName = config.clientName().filter(name -> !RedisConfig.isDefaultClient(name)).orElse(null);
        return new SessionStoreProviderBuildItem(STORE_NAME, recorder.redisStore(clientName));
    }
}
