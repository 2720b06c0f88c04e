package io.iotbridge.counter;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;

/**
 * Production progress one counter sensor reports for one window, as every ERP module's counter
 * mapper takes it: how many parts (good, or scrap for a scrap counter) since the previous window.
 *
 * @param key             {@code counter:<sensorId>@<windowStart epoch ms>}: the same for a replayed window
 * @param productionOrder the production order the catalogue entry names; {@code null} until the ERP
 *                        module's enrichment looked it up ({@code io.iotbridge.enrich.DocumentEnricher})
 * @param itemCode        the item produced; {@code null} when the catalogue names none (the order's then)
 * @param scrap           whether the parts counted are scrap (rejected) rather than good
 * @param counterValue    the counter's last value in the window
 * @param quantity        parts since the previous window; always positive (no document otherwise)
 * @param readingIds      every reading of the window
 */
public record CounterReport(
        String key,
        String sensorId,
        String machineId,
        String unit,
        String productionOrder,
        String itemCode,
        boolean scrap,
        Instant windowStart,
        Instant windowEnd,
        double counterValue,
        double quantity,
        List<String> readingIds) {

    public CounterReport {
        readingIds = List.copyOf(readingIds);
    }

    /** The same report against the given production order and item. */
    public CounterReport withOrder(String order, String item) {
        return new CounterReport(key, sensorId, machineId, unit, order, item, scrap, windowStart, windowEnd,
                counterValue, quantity, readingIds);
    }

    public static String key(String sensorId, Instant windowStart) {
        return "counter:" + sensorId + "@" + windowStart.toEpochMilli();
    }

    /** The quantity as a plain decimal with at most 6 decimals (ERPs' quantity columns). */
    public BigDecimal quantityDecimal() {
        BigDecimal q = BigDecimal.valueOf(quantity).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return q.scale() < 0 ? q.setScale(0, RoundingMode.UNNECESSARY) : q;
    }
}
