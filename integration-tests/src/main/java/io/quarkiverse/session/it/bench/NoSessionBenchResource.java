package io.quarkiverse.session.it.bench;

import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.smallrye.common.annotation.NonBlocking;
import io.vertx.ext.web.Router;

/**
 * The benchmark's no-session baselines: {@code /bench/plain} (worker thread), {@code /bench/plain-nb} (event loop) and
 * {@code /bench/vertx-plain} (a plain Vert.x route), each answering "ok".
 * <p>
 * This file is compiled twice: into the demo app, with the extension, and unchanged into the benchmark's baseline app
 * ({@code integration-tests/bench/baseline-app}), without it, so that run-benchmark.sh measures the same code with and
 * without the extension. It must therefore use nothing but Quarkus REST and Vert.x Web.
 */
@Path("/bench")
@Produces(MediaType.TEXT_PLAIN)
public class NoSessionBenchResource {

    @GET
    @Path("plain")
    public String plain() {
        return "ok";
    }

    @GET
    @Path("plain-nb")
    @NonBlocking
    public String plainNb() {
        return "ok";
    }

    void registerRoutes(@Observes Router router) {
        router.get("/bench/vertx-plain").handler(ctx -> ctx.response()
                .putHeader("content-type", "text/plain;charset=UTF-8")
                .end("ok"));
    }
}
