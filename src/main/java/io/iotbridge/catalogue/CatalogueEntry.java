package io.iotbridge.catalogue;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * One sensor of the catalogue as its route file states it: where it is read, in which unit,
 * and which ERP field (in which unit) it feeds. This is what GET /api/v1/sensors returns.
 *
 * @param file    the route file, as the bridge loaded it
 * @param source  the kind of source ({@code opcua}, {@code mqtt}, {@code http}): the source
 *                Kamelet's name without {@code -sensor-source}
 * @param address where the value comes from: {@code server} and {@code nodeId}, or {@code topic}
 *                (and {@code broker} when the entry names one); none for an HTTP device, which posts
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CatalogueEntry(
        String sensorId,
        String routeId,
        String source,
        Map<String, String> address,
        Integer samplingInterval,
        String unit,
        String machineId,
        String erp,
        String kind,
        String field,
        String fieldUnit,
        String file) {

    /** How messages name the entry: route id and sensor id. */
    public String describe() {
        return "route " + routeId + " (sensor " + (sensorId == null ? "?" : sensorId) + ")";
    }
}
