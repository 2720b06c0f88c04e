package io.iotbridge.erp.dynamics365;

import io.iotbridge.alert.AlertEvent;
import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.dynamics365.entities.Document;
import io.iotbridge.erp.dynamics365.entities.MaintenanceRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import javax.xml.datatype.DatatypeFactory;

/** An alert as one maintenance request record in an entity XML file, for the alert entity. */
public final class Dynamics365AlertMapper {

    private static final int MAX_DESCRIPTION = 255;
    private static final DatatypeFactory DATATYPES = DatatypeFactory.newDefaultInstance();

    private final String requestType;

    /** @param requestType the maintenance request type alerts are filed as */
    public Dynamics365AlertMapper(String requestType) {
        this.requestType = requestType;
    }

    public EntityDocument toDocument(AlertEvent alert, Enrichment enrichment) {
        MaintenanceRequest record = new MaintenanceRequest();
        record.setEXTERNALID(alert.key());
        record.setREQUESTTYPE(requestType);
        String description = alert.summary();
        record.setDESCRIPTION(description.length() <= MAX_DESCRIPTION ? description : description.substring(0, MAX_DESCRIPTION));
        record.setSENSORID(alert.sensorId());
        record.setVALUE(real(alert.value()));
        record.setTHRESHOLD(real(alert.threshold()));
        record.setUNIT(alert.unit());
        record.setDETECTEDAT(DATATYPES.newXMLGregorianCalendar(alert.ts().toString()));
        record.getREADINGIDS().addAll(alert.readingIds());
        Dynamics365EnrichmentFields.apply(enrichment, record);

        Document document = new Document();
        document.getENTASSETREQUESTENTITY().add(record);
        return new EntityDocument("alert", alert.key(), alert.readingIds(), Dynamics365Schema.marshal(document));
    }

    private static BigDecimal real(double value) {
        BigDecimal rounded = BigDecimal.valueOf(value).setScale(6, RoundingMode.HALF_UP).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0, RoundingMode.UNNECESSARY) : rounded;
    }
}
