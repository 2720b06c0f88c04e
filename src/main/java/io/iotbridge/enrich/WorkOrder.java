package io.iotbridge.enrich;

/**
 * A production order in progress on a machine, as an ERP's lookup answers it.
 *
 * @param number   the order as the module's documents name it (SAP B1: its DocEntry)
 * @param itemCode the item it produces, or {@code null} when the lookup does not say
 */
public record WorkOrder(String number, String itemCode) {
}
