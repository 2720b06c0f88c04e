package io.iotbridge.api.auth;

import io.iotbridge.api.Problem;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Optional;

/**
 * The one gate of the REST API, the status page and the metrics: a Vert.x handler that runs
 * before each of their routes. 401 (with WWW-Authenticate) without credentials or with bad ones,
 * 403 when the caller's roles do not allow the request; otherwise the caller is kept on the
 * request ({@link #CALLER}) for the handlers after it. Checking a key or fetching a JWKS may
 * block, so it runs on a worker thread, never on the event loop.
 */
public final class ApiAccess implements Handler<RoutingContext> {

    /** The routing context's key of the authenticated {@link Caller}. */
    public static final String CALLER = "iotbridge.caller";
    /**
     * One header per scheme: Chromium reads only the first challenge of a header, so with both in
     * one it saw Bearer alone and never asked for the key (no login box on the status page).
     */
    static final List<CharSequence> CHALLENGES = List.of("Bearer realm=\"iot-erp-bridge\"",
            "Basic realm=\"iot-erp-bridge\", charset=\"UTF-8\"");

    private final Credentials credentials;

    public ApiAccess(Credentials credentials) {
        this.credentials = credentials;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String authorization = ctx.request().getHeader("Authorization");
        Role needed = requiredRole(ctx.request().method(), ctx.normalizedPath());
        ctx.vertx().executeBlocking(() -> credentials.authenticate(authorization), false).onComplete(result -> {
            Optional<Caller> caller = result.succeeded() ? result.result() : Optional.empty();
            if (caller.isEmpty()) {
                ctx.response().putHeader("WWW-Authenticate", CHALLENGES);
                Problem.write(ctx, 401, authorization == null ? "credentials required: Authorization: Bearer <API key or token>"
                        : "the credentials are not valid");
            } else if (!caller.get().roles().contains(needed)) {
                Problem.write(ctx, 403, "this request needs the role '" + needed.label() + "'");
            } else {
                ctx.put(CALLER, caller.get());
                ctx.next();
            }
        });
    }

    /** POST /api/v1/readings takes ingest; any other write operate; every read read. */
    static Role requiredRole(HttpMethod method, String path) {
        if (method == HttpMethod.POST && path.equals("/api/v1/readings")) {
            return Role.INGEST;
        }
        return method == HttpMethod.GET || method == HttpMethod.HEAD ? Role.READ : Role.OPERATE;
    }
}
