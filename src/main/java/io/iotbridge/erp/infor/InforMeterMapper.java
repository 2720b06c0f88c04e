package io.iotbridge.erp.infor;

import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.infor.bod.ActionCodeType;
import io.iotbridge.erp.infor.bod.AssetType;
import io.iotbridge.erp.infor.bod.QualityType;
import io.iotbridge.erp.infor.bod.SensorReadingType;
import io.iotbridge.erp.infor.bod.SyncSensorReading;
import io.iotbridge.erp.infor.bod.TimePeriodType;
import io.iotbridge.meter.MeterWindow;
import java.math.BigDecimal;
import java.time.Clock;

/** A meter window as a Sync.SensorReading BOD (schemas/infor/SyncSensorReading.xsd). */
public final class InforMeterMapper {

    private final BodParts parts;

    public InforMeterMapper(BodSender sender, Clock clock) {
        this.parts = new BodParts(sender, clock);
    }

    /** The BOD for the IMS, marshalled and validated; its messageId is the document key. */
    public ImsDocument toDocument(MeterWindow window, Enrichment enrichment) {
        String key = documentKey(window);
        return new ImsDocument(InforDocuments.METER_DOCUMENT, key, InforContract.marshal(toBod(window, enrichment)));
    }

    public SyncSensorReading toBod(MeterWindow window, Enrichment enrichment) {
        String key = documentKey(window);
        String tenant = parts.tenant();

        SensorReadingType reading = new SensorReadingType();
        reading.setDocumentID(parts.documentId(key));
        reading.setSensorID(window.sensorId());
        AssetType asset = new AssetType();
        asset.setID(parts.id(window.machineId()));
        reading.setAsset(asset);
        reading.setUnitCode(window.unit());
        TimePeriodType period = new TimePeriodType();
        period.setStartDateTime(parts.dateTime(window.windowStart()));
        period.setEndDateTime(parts.dateTime(window.windowEnd()));
        reading.setTimePeriod(period);
        reading.setMinimumValue(decimal(window.min()));
        reading.setMaximumValue(decimal(window.max()));
        reading.setAverageValue(decimal(window.avg()));
        reading.setLastValue(decimal(window.last()));
        reading.setReadingCount(window.count());
        reading.setQuality(QualityType.fromValue(window.quality().name()));
        reading.setReadingIDs(parts.readingIds(window.readingIds()));
        // the custom noun has its own ReadingIDs; UserArea carries only the enrichment
        reading.setUserArea(parts.userArea(null, enrichment));

        SyncSensorReading.DataArea data = new SyncSensorReading.DataArea();
        // Sync with Replace: a replayed window replaces, never adds to, what the first one synced
        data.setSync(parts.verb(tenant, ActionCodeType.REPLACE));
        data.setSensorReading(reading);
        SyncSensorReading bod = new SyncSensorReading();
        bod.setReleaseID(InforContract.RELEASE_ID);
        bod.setApplicationArea(parts.applicationArea(tenant, key, InforDocuments.SENSOR_READING, "Sync"));
        bod.setDataArea(data);
        return bod;
    }

    /**
     * {@code <sensorId>@<window part>} ({@link MeterWindow#windowPart()}): the same for a
     * replayed window, so the BODID and the IMS messageId of a replay are those of the first delivery.
     */
    public static String documentKey(MeterWindow window) {
        return window.sensorId() + "@" + window.windowPart();
    }

    /** Plain decimal, at most 6 decimals; none when the window had no finite value. */
    static BigDecimal decimal(double value) {
        return BodParts.decimal(value);
    }
}
