package io.quarkiverse.session;

/**
 * Decides what a client receives when its session cannot be served. By default a store that fails, or does not answer
 * within {@code quarkus.session.store-timeout}, gives a {@code 503} with {@code Retry-After: 1} and a short text body,
 * and a stored value that no longer decodes fails the request like any other exception. An application bean
 * implementing this interface replaces that answer, for Quarkus REST endpoints and for plain Vert.x routes alike:
 *
 * <pre>
 * &#64;ApplicationScoped
 * public class JsonSessionErrors implements SessionErrorHandler {
 *
 *     &#64;Override
 *     public SessionErrorResponse respond(SessionFailure failure) {
 *         if (failure.kind() != SessionFailure.Kind.STORE_UNAVAILABLE) {
 *             return failure.defaultResponse();
 *         }
 *         return SessionErrorResponse.withStatus(503).header("Retry-After", "5")
 *                 .body("application/json", "{\"error\":\"sessions-unavailable\"}");
 *     }
 * }
 * </pre>
 *
 * Contract: {@link #respond} is called once per failed request, on the thread the failure reached, which may be an
 * event-loop thread: it must be thread-safe, must not block, and must not write to the request's response itself; what
 * it returns is written by the extension. It never sees the session's ID. The extension logs the failure itself, one
 * line, whatever the handler answers. If the handler throws or returns {@code null}, the client gets
 * {@link SessionFailure#defaultResponse()} and the extension logs the handler's class and the exception's type, never
 * its message.
 * <p>
 * A stored value that no longer decodes reaches the handler ({@link SessionFailure.Kind#VALUE_UNREADABLE}) only if the
 * application did not catch the {@link IllegalArgumentException} of {@code Session.get} or {@code find}, and only when
 * the application has a bean class implementing this interface when it is built: then that failure no longer reaches
 * exception mappers of {@code IllegalArgumentException}.
 */
@FunctionalInterface
public interface SessionErrorHandler {

    /**
     * The answer to a request whose session could not be served.
     *
     * @return the response to send; {@code failure.defaultResponse()} for the extension's own
     */
    SessionErrorResponse respond(SessionFailure failure);
}
