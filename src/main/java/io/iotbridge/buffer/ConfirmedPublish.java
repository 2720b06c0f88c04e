package io.iotbridge.buffer;

import java.util.concurrent.CompletionException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;

/**
 * {@link BrokerPublisher#publish(Exchange)} as an asynchronous step: the exchange completes when
 * the broker confirmed (or fails as publish would), but the thread that delivered the reading is
 * free meanwhile, so many confirms are in flight and the broker writes them in batches. A meter
 * or counter reading waits for the confirm of the batch it is published in ({@link ReadingBatches}).
 */
public final class ConfirmedPublish extends AsyncProcessorSupport {

    private final BrokerPublisher publisher;
    private final ReadingBatches batches;

    /** @param batches gathers meter and counter readings into batches; the rest are published one by one */
    public ConfirmedPublish(BrokerPublisher publisher, ReadingBatches batches) {
        this.publisher = publisher;
        this.batches = batches;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        try {
            (batches.batches(exchange) ? batches.add(exchange) : publisher.send(exchange)).whenComplete((done, error) -> {
                if (error != null) {
                    exchange.setException(error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                }
                callback.done(false);
            });
            return false;
        } catch (Exception e) {
            exchange.setException(e);
            callback.done(true);
            return true;
        }
    }
}
