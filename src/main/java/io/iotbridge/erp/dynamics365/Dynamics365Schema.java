package io.iotbridge.erp.dynamics365;

import io.iotbridge.erp.dynamics365.entities.Document;
import io.iotbridge.erp.dynamics365.entities.ObjectFactory;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * schemas/dynamics365/dmf-document.xsd at run time: the JAXB context of the generated entity
 * types, marshalling that validates before anything leaves, and a parser for received files
 * that never resolves a DTD or an external entity.
 *
 * <p>Like the SAP module, the schemas are read from {@code bridge.schemas.dir} (system property,
 * or BRIDGE_SCHEMAS_DIR), default {@code schemas} in the working directory; the class path is the fallback.
 */
public final class Dynamics365Schema {

    private static final String SUBDIR = "dynamics365";
    private static final String ROOT_XSD = "dmf-document.xsd";

    private static volatile Schema schema;
    private static volatile JAXBContext context;

    private Dynamics365Schema() {
    }

    public static Schema schema() {
        Schema s = schema;
        if (s == null) {
            try {
                SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                // the includes are local files (or jar entries); nothing else is fetched
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
                s = factory.newSchema(locate(ROOT_XSD));
            } catch (SAXException e) {
                throw new IllegalStateException("cannot load the Dynamics 365 entity schema: " + e.getMessage(), e);
            }
            schema = s;
        }
        return s;
    }

    public static JAXBContext jaxbContext() {
        JAXBContext c = context;
        if (c == null) {
            try {
                c = JAXBContext.newInstance(ObjectFactory.class);
            } catch (JAXBException e) {
                throw new IllegalStateException("cannot build the Dynamics 365 JAXB context", e);
            }
            context = c;
        }
        return c;
    }

    /** The document as UTF-8 XML, validated against the XSD while it is written. */
    public static String marshal(Document document) {
        try {
            Marshaller marshaller = jaxbContext().createMarshaller();
            marshaller.setSchema(schema());
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            StringWriter out = new StringWriter();
            marshaller.marshal(document, out);
            return out.toString();
        } catch (JAXBException e) {
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
            throw new Dynamics365InvalidDocumentException(
                    "the entity document does not match " + ROOT_XSD + ": " + cause.getMessage(), e);
        }
    }

    /**
     * Parses and validates a received file. DOCTYPEs are refused outright, so neither external
     * entities nor entity expansion can happen.
     */
    public static org.w3c.dom.Document parseAndValidate(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            org.w3c.dom.Document dom = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Validator validator = schema().newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            validator.validate(new DOMSource(dom));
            return dom;
        } catch (SAXException | IOException e) {
            throw new Dynamics365InvalidDocumentException(
                    "the entity document does not match " + ROOT_XSD + ": " + e.getMessage(), e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the platform's XML parser lacks a secure-processing feature", e);
        }
    }

    static URL locate(String file) {
        String dir = System.getProperty("bridge.schemas.dir", System.getenv("BRIDGE_SCHEMAS_DIR"));
        Path path = Path.of(dir == null || dir.isBlank() ? "schemas" : dir, SUBDIR, file);
        if (Files.isRegularFile(path)) {
            try {
                return path.toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        URL resource = Dynamics365Schema.class.getClassLoader().getResource("schemas/" + SUBDIR + "/" + file);
        if (resource == null) {
            throw new IllegalStateException("Dynamics 365 schema not found: " + path.toAbsolutePath()
                    + " (set bridge.schemas.dir to the directory holding " + SUBDIR + "/)");
        }
        return resource;
    }
}
