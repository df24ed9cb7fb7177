package io.quarkiverse.session.runtime.http;

import jakarta.ws.rs.core.Response;

import io.quarkiverse.session.SessionErrorResponse;

/**
 * Turns the answers of {@link SessionErrorAnswers} into Quarkus REST responses. Quarkus REST only: loaded by the REST
 * exception mappers, which are registered only when the application contains Quarkus REST.
 */
final class RestAnswers {

    private RestAnswers() {
    }

    static Response toRest(SessionErrorResponse answer) {
        Response.ResponseBuilder response = Response.status(answer.status());
        answer.headers().forEach(response::header);
        if (answer.body() != null) {
            response.type(answer.contentType()).entity(answer.body());
        }
        return response.build();
    }
}
