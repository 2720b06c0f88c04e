package io.iotbridge.api;

import io.iotbridge.health.StageProgress;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * The stage {@code http}: every request to the REST API and the status page from its arrival to
 * its answer. The first handler of every route, before credentials are checked (which runs on a
 * worker thread): a request that waits for a worker, or for a call behind it that does not come
 * back, makes readiness go DOWN after {@code bridge.health.stall-after}.
 */
public final class RequestStage implements Handler<RoutingContext> {

    private final Supplier<StageProgress> lookup;
    private volatile StageProgress stage;

    /** {@code lookup} is asked at the first request: the stages are bound after the HTTP engine. */
    public RequestStage(Supplier<StageProgress> lookup) {
        this.lookup = lookup;
    }

    @Override
    public void handle(RoutingContext ctx) {
        StageProgress requests = stage();
        requests.waiting(ctx);
        ctx.addEndHandler(done -> requests.done(ctx));
        ctx.next();
    }

    private StageProgress stage() {
        StageProgress s = stage;
        if (s == null) {
            s = lookup.get();
            stage = s;
        }
        return s;
    }
}
