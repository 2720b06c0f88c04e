package io.iotbridge.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.iotbridge.BridgeHarness;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.Test;

/** The bridge's Camel context: route lookups and start-up listeners that do not grow with the catalogue. */
class ScalableCamelContextTest {

    private static final int ROUTES = 30;

    @Test
    void routesStartedOneByOneDoNotEachAddAnHttpEventNotifier() throws Exception {
        // the bridge as it runs: the supervising controller starts its routes one by one after the context
        try (BridgeHarness bridge = new BridgeHarness().withoutMqtt().start()) {
            CamelContext context = bridge.context();
            assertThat(context.getRoutes()).hasSizeGreaterThan(10);
            long httpNotifiers = context.getManagementStrategy().getEventNotifiers().stream()
                    .filter(n -> n.getClass().getName().startsWith("org.apache.camel.component.platform.http.main.")).count();
            // one for the REST server's summary and one for the management server's; Camel's own
            // context adds two more for every route the supervising controller starts
            assertThat(httpNotifiers).isLessThanOrEqualTo(2);
        }
    }

    @Test
    void findsAddedRoutesByIdAndForgetsRemovedOnes() throws Exception {
        try (ScalableCamelContext context = new ScalableCamelContext()) {
            // a lambda, not a RouteBuilder class: Camel Main's package scan would start it in every bridge under test
            RouteBuilder.addRoutes(context, routes -> {
                for (int i = 0; i < ROUTES; i++) {
                    routes.from("timer:t" + i + "?period=60000").routeId("timer-" + i).log("tick");
                }
            });
            context.start();

            assertThat(context.getRoute("timer-7").getRouteId()).isEqualTo("timer-7");
            assertThat(context.getRoute("no-such-route")).isNull();
            assertThat(context.removeRoute("no-such-route")).isFalse();

            context.getRouteController().stopRoute("timer-7");
            assertThat(context.removeRoute("timer-7")).isTrue();
            assertThat(context.getRoute("timer-7")).isNull();
            assertThat(context.getRoutes()).hasSize(ROUTES - 1);
            assertThat(context.getRoute("timer-8").getRouteId()).isEqualTo("timer-8");
        }
    }
}
