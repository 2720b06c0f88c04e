package io.iotbridge.api.auth;

import io.iotbridge.api.Problem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;

/**
 * Refuses a path parameter (a dead letter's id, a machine id) longer than {@link #MAX_ID_LENGTH}
 * characters with 400 naming the limit, before any route reads it. A dead letter's id is a reading
 * id, {@code <sensorId>:<epoch ms>:<seq>} with a sensor id of at most 200 characters
 * (schemas/reading.schema.json), and an AMQP message id, which must stay under 255 bytes.
 */
public final class IdLimits implements Handler<RoutingContext> {

    /** The longest id in a path the API takes. */
    public static final int MAX_ID_LENGTH = 250;

    @Override
    public void handle(RoutingContext ctx) {
        for (Map.Entry<String, String> param : ctx.pathParams().entrySet()) {
            if (param.getValue().length() > MAX_ID_LENGTH) {
                Problem.write(ctx, 400, param.getKey() + ": at most " + MAX_ID_LENGTH + " characters");
                return;
            }
        }
        ctx.next();
    }
}
