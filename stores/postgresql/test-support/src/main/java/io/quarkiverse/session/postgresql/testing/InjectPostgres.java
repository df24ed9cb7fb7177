package io.quarkiverse.session.postgresql.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field of type {@link PostgresServerProcess} in a test class that {@link PostgresTestResource} fills with its
 * server, so that the test can stop, restart or pause PostgreSQL, or read its tables:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(PostgresTestResource.class)
 * class OutageTest {
 *     &#64;InjectPostgres
 *     PostgresServerProcess postgres;
 * }
 * </pre>
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
public @interface InjectPostgres {
}
