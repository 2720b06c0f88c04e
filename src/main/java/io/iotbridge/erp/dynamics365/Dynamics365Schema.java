package io.iotbridge.erp.dynamics365;

import io.iotbridge.erp.XmlContract;
import io.iotbridge.erp.dynamics365.entities.Document;
import io.iotbridge.erp.dynamics365.entities.ObjectFactory;
import jakarta.xml.bind.JAXBContext;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * schemas/dynamics365/dmf-document.xsd at run time: the JAXB context of the generated entity
 * types, marshalling that validates before anything leaves, and a parser for received files
 * that never resolves a DTD or an external entity. {@link XmlContract} does the work.
 */
public final class Dynamics365Schema {

    private static final String ROOT_XSD = "dmf-document.xsd";

    private static final XmlContract CONTRACT = new XmlContract("Dynamics 365 entity", "dynamics365", ROOT_XSD,
            ObjectFactory.class);

    private Dynamics365Schema() {
    }

    public static Schema schema() {
        return CONTRACT.schema();
    }

    public static JAXBContext jaxbContext() {
        return CONTRACT.jaxbContext();
    }

    /** The document as UTF-8 XML, validated against the XSD while it is written. */
    public static String marshal(Document document) {
        return CONTRACT.marshal(document, (reason, e) -> new Dynamics365InvalidDocumentException(
                "the entity document does not match " + ROOT_XSD + ": " + reason, e));
    }

    /**
     * Parses and validates a received file. DOCTYPEs are refused outright, so neither external
     * entities nor entity expansion can happen.
     */
    public static org.w3c.dom.Document parseAndValidate(String xml) {
        try {
            org.w3c.dom.Document dom = XmlContract.secureDocumentBuilderFactory().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
            CONTRACT.validator().validate(new DOMSource(dom));
            return dom;
        } catch (SAXException | IOException e) {
            throw new Dynamics365InvalidDocumentException(
                    "the entity document does not match " + ROOT_XSD + ": " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the platform's XML parser lacks a secure-processing feature", e);
        }
    }

    static URL locate(String file) {
        return CONTRACT.locate(file);
    }
}
