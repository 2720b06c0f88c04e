package io.iotbridge.enrich;

/**
 * What every document carries besides its readings (docs/plant-engineer.md, "Enrichment"): where and when it was
 * produced. Each ERP module writes it into the fields its interface has room for, in one class
 * per module.
 *
 * @param machineId the machine the sensor belongs to (the catalogue's machineId)
 * @param shift     the shift at the window's start (meter, counter) or the excursion's start
 *                  (alert); {@code null} outside every shift
 * @param workOrder the production order in progress on the machine, from the catalogue or the
 *                  ERP's lookup; {@code null} when unknown
 */
public record Enrichment(String machineId, String shift, String workOrder) {
}
