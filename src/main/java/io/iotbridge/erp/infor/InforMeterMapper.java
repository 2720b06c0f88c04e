package io.iotbridge.erp.infor;

import io.iotbridge.erp.infor.bod.ActionCodeType;
import io.iotbridge.erp.infor.bod.ActionCriteriaType;
import io.iotbridge.erp.infor.bod.ActionExpressionType;
import io.iotbridge.erp.infor.bod.ApplicationAreaType;
import io.iotbridge.erp.infor.bod.AssetType;
import io.iotbridge.erp.infor.bod.ConfirmationCodeType;
import io.iotbridge.erp.infor.bod.DocumentIDType;
import io.iotbridge.erp.infor.bod.IdentifierType;
import io.iotbridge.erp.infor.bod.QualityType;
import io.iotbridge.erp.infor.bod.ReadingIDsType;
import io.iotbridge.erp.infor.bod.SenderType;
import io.iotbridge.erp.infor.bod.SensorReadingType;
import io.iotbridge.erp.infor.bod.SyncSensorReading;
import io.iotbridge.erp.infor.bod.TimePeriodType;
import io.iotbridge.erp.infor.bod.VerbType;
import io.iotbridge.meter.MeterWindow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** A meter window as a Sync.SensorReading BOD (schemas/infor/SyncSensorReading.xsd). */
public final class InforMeterMapper {

    /** Decimals kept of the statistics; a sensor reports far fewer significant digits. */
    private static final int SCALE = 6;

    private final BodSender sender;
    private final Clock clock;
    private final DatatypeFactory datatypes;

    public InforMeterMapper(BodSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
        try {
            this.datatypes = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no XML datatype factory", e);
        }
    }

    /** The BOD for the IMS, marshalled and validated; its messageId is the document key. */
    public ImsDocument toDocument(MeterWindow window) {
        String key = documentKey(window);
        return new ImsDocument(InforDocuments.METER_DOCUMENT, key, InforContract.marshal(toBod(window)));
    }

    public SyncSensorReading toBod(MeterWindow window) {
        String key = documentKey(window);
        String tenant = sender.tenant().get();

        SensorReadingType reading = new SensorReadingType();
        DocumentIDType documentId = new DocumentIDType();
        documentId.setID(id(key));
        reading.setDocumentID(documentId);
        reading.setSensorID(window.sensorId());
        AssetType asset = new AssetType();
        asset.setID(id(window.machineId()));
        reading.setAsset(asset);
        reading.setUnitCode(window.unit());
        TimePeriodType period = new TimePeriodType();
        period.setStartDateTime(dateTime(window.windowStart()));
        period.setEndDateTime(dateTime(window.windowEnd()));
        reading.setTimePeriod(period);
        reading.setMinimumValue(decimal(window.min()));
        reading.setMaximumValue(decimal(window.max()));
        reading.setAverageValue(decimal(window.avg()));
        reading.setLastValue(decimal(window.last()));
        reading.setReadingCount(window.count());
        reading.setQuality(QualityType.fromValue(window.quality().name()));
        ReadingIDsType ids = new ReadingIDsType();
        ids.getReadingID().addAll(window.readingIds());
        reading.setReadingIDs(ids);

        SyncSensorReading.DataArea data = new SyncSensorReading.DataArea();
        data.setSync(verb(tenant, ActionCodeType.REPLACE));
        data.setSensorReading(reading);
        SyncSensorReading bod = new SyncSensorReading();
        bod.setReleaseID(InforContract.RELEASE_ID);
        bod.setApplicationArea(applicationArea(tenant, key, InforDocuments.SENSOR_READING, "Sync"));
        bod.setDataArea(data);
        return bod;
    }

    /**
     * {@code <sensorId>@<windowStart epoch ms>}: the same for a replayed window, so the BODID and
     * the IMS messageId of a replay are those of the first delivery.
     */
    public static String documentKey(MeterWindow window) {
        return window.sensorId() + "@" + window.windowStart().toEpochMilli();
    }

    private ApplicationAreaType applicationArea(String tenant, String key, String noun, String verb) {
        SenderType s = new SenderType();
        s.setLogicalID(sender.logicalId());
        s.setComponentID(sender.componentId());
        s.setConfirmationCode(ConfirmationCodeType.ON_ERROR);
        ApplicationAreaType area = new ApplicationAreaType();
        area.setSender(s);
        // creation time to the second: the BOD says when it was made, not when a reading was taken
        area.setCreationDateTime(dateTime(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        area.setBODID(InforDocuments.bodId(tenant, sender.accountingEntity(), sender.location(), key, noun, verb));
        return area;
    }

    /** Sync with Replace: a replayed window replaces, never adds to, what the first one synced. */
    private VerbType verb(String tenant, ActionCodeType action) {
        VerbType verb = new VerbType();
        verb.setTenantID(tenant);
        verb.setAccountingEntityID(blankToNull(sender.accountingEntity()));
        verb.setLocationID(blankToNull(sender.location()));
        ActionExpressionType expression = new ActionExpressionType();
        expression.setActionCode(action);
        ActionCriteriaType criteria = new ActionCriteriaType();
        criteria.setActionExpression(expression);
        verb.setActionCriteria(criteria);
        return verb;
    }

    private IdentifierType id(String value) {
        IdentifierType id = new IdentifierType();
        id.setValue(value);
        id.setAccountingEntity(blankToNull(sender.accountingEntity()));
        id.setLocation(blankToNull(sender.location()));
        return id;
    }

    private XMLGregorianCalendar dateTime(Instant instant) {
        return datatypes.newXMLGregorianCalendar(instant.toString());
    }

    /** Plain decimal, at most 6 decimals; none when the window had no finite value. */
    static BigDecimal decimal(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
