package io.iotbridge.ingest;

import org.apache.camel.AsyncProducer;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceHelper;

/** An asynchronous producer to one endpoint, made and started at first use (the routes exist by then). */
final class LazyProducer {

    private final CamelContext context;
    private final String uri;
    private volatile AsyncProducer producer;

    LazyProducer(CamelContext context, String uri) {
        this.context = context;
        this.uri = uri;
    }

    AsyncProducer get() {
        AsyncProducer p = producer;
        if (p == null) {
            synchronized (this) {
                if (producer == null) {
                    try {
                        AsyncProducer created = context.getEndpoint(uri).createAsyncProducer();
                        ServiceHelper.startService(created);
                        producer = created;
                    } catch (Exception e) {
                        throw new IllegalStateException("cannot send to " + uri + ": " + e.getMessage(), e);
                    }
                }
                p = producer;
            }
        }
        return p;
    }
}
