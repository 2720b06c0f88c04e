package io.iotbridge.erp.infor;

import io.iotbridge.enrich.Enrichment;
import io.iotbridge.erp.infor.bod.ActionCodeType;
import io.iotbridge.erp.infor.bod.ActionCriteriaType;
import io.iotbridge.erp.infor.bod.ActionExpressionType;
import io.iotbridge.erp.infor.bod.ApplicationAreaType;
import io.iotbridge.erp.infor.bod.ConfirmationCodeType;
import io.iotbridge.erp.infor.bod.DocumentIDType;
import io.iotbridge.erp.infor.bod.IdentifierType;
import io.iotbridge.erp.infor.bod.ReadingIDsType;
import io.iotbridge.erp.infor.bod.SenderType;
import io.iotbridge.erp.infor.bod.UserAreaType;
import io.iotbridge.erp.infor.bod.VerbType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.xml.datatype.DatatypeConfigurationException;
import javax.xml.datatype.DatatypeFactory;
import javax.xml.datatype.XMLGregorianCalendar;

/**
 * The pieces every BOD the module sends shares (ApplicationArea, verb, ids, UserArea), built the
 * same way for each noun so a replayed document has the same BODID and ids.
 */
final class BodParts {

    /** Decimals kept of quantities and values; a sensor reports far fewer significant digits. */
    private static final int SCALE = 6;

    private final BodSender sender;
    private final Clock clock;
    private final DatatypeFactory datatypes;

    BodParts(BodSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
        try {
            this.datatypes = DatatypeFactory.newInstance();
        } catch (DatatypeConfigurationException e) {
            throw new IllegalStateException("no XML datatype factory", e);
        }
    }

    String tenant() {
        return sender.tenant().get();
    }

    ApplicationAreaType applicationArea(String tenant, String key, String noun, String verb) {
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

    VerbType verb(String tenant, ActionCodeType action) {
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

    IdentifierType id(String value) {
        IdentifierType id = new IdentifierType();
        id.setValue(value);
        id.setAccountingEntity(blankToNull(sender.accountingEntity()));
        id.setLocation(blankToNull(sender.location()));
        return id;
    }

    DocumentIDType documentId(String value) {
        DocumentIDType documentId = new DocumentIDType();
        documentId.setID(id(value));
        return documentId;
    }

    ReadingIDsType readingIds(List<String> ids) {
        ReadingIDsType readings = new ReadingIDsType();
        readings.getReadingID().addAll(ids);
        return readings;
    }

    /** Standard nouns carry the reading ids in UserArea (schemas/infor/README.md), and every noun the enrichment. */
    UserAreaType userArea(List<String> ids, Enrichment enrichment) {
        UserAreaType area = new UserAreaType();
        if (ids != null) {
            area.setReadingIDs(readingIds(ids));
        }
        InforEnrichmentFields.apply(enrichment, area);
        return area;
    }

    XMLGregorianCalendar dateTime(Instant instant) {
        return datatypes.newXMLGregorianCalendar(instant.toString());
    }

    /** Plain decimal, at most 6 decimals; none when not finite. */
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
