package io.iotbridge.faults;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/** Waits for a scenario's readings to be accounted for, and hands back the tally either way. */
final class Settle {

    private Settle() {
    }

    /** Waits until the feed has sent {@code readings} more readings than now. */
    static void moreSent(DeliveryLedger ledger, int readings) {
        int from = ledger.sentIds().size();
        Awaitility.await(readings + " more readings sent").atMost(Duration.ofSeconds(30))
                .until(() -> ledger.sentIds().size() >= from + readings);
    }

    /**
     * Waits until no sent reading is unaccounted for and that holds for three seconds (a late
     * redelivery would show as a duplicate meanwhile); after {@code max} returns the tally as it
     * is, so a scenario that loses readings still reports how many.
     */
    static DeliveryLedger.Tally tally(Callable<DeliveryLedger.Tally> count, Duration max) throws Exception {
        AtomicReference<DeliveryLedger.Tally> last = new AtomicReference<>();
        try {
            Awaitility.await("every reading delivered or dead-lettered").atMost(max).during(Duration.ofSeconds(3))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
                        last.set(count.call());
                        return last.get().lost() == 0;
                    });
        } catch (ConditionTimeoutException e) {
            // reported below with its losses
        }
        return count.call();
    }
}
