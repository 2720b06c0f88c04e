package io.iotbridge.counter;

/**
 * What the counter store keeps of one window of one sensor.
 *
 * @param last     the counter's last value in the window: the next window's baseline
 * @param quantity the parts this window reported
 */
public record WindowCount(double last, double quantity) {
}
