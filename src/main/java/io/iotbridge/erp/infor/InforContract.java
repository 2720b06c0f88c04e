package io.iotbridge.erp.infor;

import io.iotbridge.erp.XmlContract;
import io.iotbridge.erp.infor.bod.ObjectFactory;
import jakarta.xml.bind.JAXBContext;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.validation.Schema;
import javax.xml.validation.Validator;

/**
 * The BOD schema on disk (schemas/infor/bods.xsd), the JAXB context of the classes generated
 * from it, and XML parsing that never resolves DTDs or external entities; {@link XmlContract}
 * does the work.
 */
public final class InforContract {

    public static final String NAMESPACE = "http://schema.infor.com/InforOAGIS/2";
    public static final String RELEASE_ID = "2";

    private static final XmlContract CONTRACT = new XmlContract("Infor BOD", "infor", "bods.xsd",
            ObjectFactory.class);

    private InforContract() {
    }

    public static Schema schema() {
        return CONTRACT.schema();
    }

    /** A validator of the BOD schema that fetches nothing a document points at. */
    public static Validator validator() {
        return CONTRACT.validator();
    }

    public static JAXBContext jaxbContext() {
        return CONTRACT.jaxbContext();
    }

    /**
     * The BOD as UTF-8 XML text, validated against the schema while it is written, so an invalid
     * document never leaves.
     */
    public static String marshal(Object bod) {
        return CONTRACT.marshal(bod, (reason, e) -> new InforInvalidDocumentException(
                bod.getClass().getSimpleName() + " does not match the Infor BOD schema: " + reason, e));
    }

    /** Namespace aware, no DOCTYPE at all, no external entities, DTDs or schemas. */
    public static DocumentBuilderFactory secureDocumentBuilderFactory() {
        return XmlContract.secureDocumentBuilderFactory();
    }
}
