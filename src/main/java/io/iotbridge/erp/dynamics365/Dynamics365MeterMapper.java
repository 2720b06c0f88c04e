package io.iotbridge.erp.dynamics365;

import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.dynamics365.entities.AssetCounterRegistration;
import io.iotbridge.erp.dynamics365.entities.Document;
import io.iotbridge.erp.dynamics365.entities.ReadingQuality;
import io.iotbridge.meter.MeterWindow;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Instant;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/** A meter window as one asset counter registration record in an entity XML file. */
public final class Dynamics365MeterMapper {

    /** F&O real fields keep 6 decimals. */
    private static final int SCALE = 6;
    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

    public EntityDocument toDocument(MeterWindow window, Enrichment enrichment) {
        String key = meterKey(window.sensorId(), window.windowPart());

        AssetCounterRegistration record = new AssetCounterRegistration();
        record.setEXTERNALID(key);
        record.setSENSORID(window.sensorId());
        record.setUNIT(window.unit());
        record.setWINDOWSTART(dateTime(window.windowStart()));
        record.setWINDOWEND(dateTime(window.windowEnd()));
        record.setMINVALUE(real(window.min()));
        record.setMAXVALUE(real(window.max()));
        record.setAVERAGEVALUE(real(window.avg()));
        record.setLASTVALUE(real(window.last()));
        record.setREADINGCOUNT(BigInteger.valueOf(window.count()));
        record.setQUALITY(ReadingQuality.fromValue(window.quality().name()));
        record.getREADINGIDS().addAll(window.readingIds());
        Dynamics365EnrichmentFields.apply(enrichment, record);

        Document document = new Document();
        document.getENTASSETCOUNTERREGISTRATIONENTITY().add(record);
        return new EntityDocument("meter", key, window.readingIds(), Dynamics365Schema.marshal(document));
    }

    /**
     * The document key and external identifier: {@code meter:<sensorId>@<window part>}
     * ({@link MeterWindow#windowPart()}), so a replayed window carries the same identifier and
     * the ERP takes it once.
     */
    public static String meterKey(String sensorId, String windowPart) {
        return "meter:" + sensorId + "@" + windowPart;
    }

    /** Plain decimal, at most 6 decimals; none when the window had no finite value. */
    static BigDecimal real(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded;
    }

    private static XMLGregorianCalendar dateTime(Instant instant) {
        return DATATYPES.newXMLGregorianCalendar(instant.toString());
    }
}
