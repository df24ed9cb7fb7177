package io.quarkiverse.session.redis.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of a test class that {@link RedisTestResource} fills with its {@link RedisServerProcess}, or
 * {@link RedisClusterTestResource} with its {@link RedisClusterProcess}, so that the test can stop and restart Redis or
 * look into it:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;QuarkusTestResource(RedisTestResource.class)
 * class OutageTest {
 *     &#64;InjectRedis
 *     RedisServerProcess redis;
 * }
 * </pre>
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface InjectRedis {
}
