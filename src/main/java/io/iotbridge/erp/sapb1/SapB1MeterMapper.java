package io.iotbridge.erp.sapb1;

import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.sapb1.dis.AddObject;
import io.iotbridge.erp.sapb1.dis.AdmInfo;
import io.iotbridge.erp.sapb1.dis.Bom;
import io.iotbridge.erp.sapb1.dis.BusinessObject;
import io.iotbridge.erp.sapb1.dis.MeterTableRow;
import io.iotbridge.erp.sapb1.dis.ReadingQuality;
import io.iotbridge.erp.sapb1.dis.UserTableRows;
import io.iotbridge.meter.MeterWindow;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/** A meter window as one row of the IOT_METER user-defined table, added through AddObject. */
public final class SapB1MeterMapper {

    /** SAP's limit for a user-defined table's Code. */
    static final int MAX_CODE_LENGTH = 50;
    /** SAP stores quantities as numeric(19,6). */
    private static final int SCALE = 6;

    public AddObject toAddObject(MeterWindow window, Enrichment enrichment) {
        String code = meterCode(window.sensorId(), window.windowPart());

        MeterTableRow row = new MeterTableRow();
        row.setCode(code);
        row.setName(code);
        row.setUSensorId(window.sensorId());
        row.setUMachineId(window.machineId());
        row.setUUnit(window.unit());
        row.setUWindowStart(window.windowStart().toString());
        row.setUWindowEnd(window.windowEnd().toString());
        row.setUMin(quantity(window.min()));
        row.setUMax(quantity(window.max()));
        row.setUAvg(quantity(window.avg()));
        row.setULast(quantity(window.last()));
        row.setUCount(Math.toIntExact(window.count()));
        row.setUQuality(ReadingQuality.fromValue(window.quality().name()));
        row.setUReadingIds(String.join(" ", window.readingIds()));
        SapB1EnrichmentFields.apply(enrichment, row);

        UserTableRows table = new UserTableRows();
        table.setRow(row);
        AdmInfo admInfo = new AdmInfo();
        admInfo.setObject(SapB1Objects.METER_OBJECT);
        admInfo.setTableName(SapB1Objects.METER_TABLE);
        BusinessObject bo = new BusinessObject();
        bo.setAdmInfo(admInfo);
        bo.setUserTable(table);
        Bom bom = new Bom();
        bom.setBO(bo);
        AddObject command = new AddObject();
        command.setCommandID("AddMeterWindow");
        command.setBOM(bom);
        return command;
    }

    /**
     * The row's Code: {@code <sensorId>@<window part>} ({@link MeterWindow#windowPart()}), so a
     * replayed window gets the same key and the DI Server refuses the duplicate. A sensor id too
     * long for SAP's 50 characters is shortened and a hash of the whole id keeps it unique.
     */
    public static String meterCode(String sensorId, String windowPart) {
        String suffix = "@" + windowPart;
        String code = sensorId + suffix;
        if (code.length() <= MAX_CODE_LENGTH) {
            return code;
        }
        String hash = "~" + sha256Hex(sensorId).substring(0, 8);
        int keep = MAX_CODE_LENGTH - suffix.length() - hash.length();
        return sensorId.substring(0, keep) + hash + suffix;
    }

    /** Plain decimal with a dot, at most 6 decimals; none when the window had no finite value. */
    static BigDecimal quantity(double value) {
        if (!Double.isFinite(value)) {
            return null;
        }
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        // stripTrailingZeros turns 100 into 1E+2; JAXB prints plain, but keep the scale sane anyway
        return rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded;
    }

    private static String sha256Hex(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
