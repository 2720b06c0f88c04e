package io.iotbridge.erp.infor;

import io.iotbridge.erp.infor.bod.ObjectFactory;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.xml.sax.SAXException;

/**
 * The BOD schema on disk (schemas/infor/bods.xsd), the JAXB context of the classes generated
 * from it, and XML parsing that never resolves DTDs or external entities.
 *
 * <p>schemas/ is owned by the plant and sits beside the jar (DESIGN.md §2): {@code bridge.schemas.dir}
 * (system property, or BRIDGE_SCHEMAS_DIR), default {@code schemas}; the class path is the fallback.
 */
public final class InforContract {

    public static final String NAMESPACE = "http://schema.infor.com/InforOAGIS/2";
    public static final String RELEASE_ID = "2";

    private static final String SUBDIR = "infor";

    private static volatile Schema schema;
    private static volatile JAXBContext context;

    private InforContract() {
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
                s = factory.newSchema(locate("bods.xsd"));
            } catch (SAXException e) {
                throw new IllegalStateException("cannot load the Infor BOD schema: " + e.getMessage(), e);
            }
            schema = s;
        }
        return s;
    }

    /** A validator of the BOD schema that fetches nothing a document points at. */
    public static Validator validator() {
        Validator validator = schema().newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the XML validator cannot be locked down", e);
        }
        return validator;
    }

    public static JAXBContext jaxbContext() {
        JAXBContext c = context;
        if (c == null) {
            try {
                c = JAXBContext.newInstance(ObjectFactory.class);
            } catch (JAXBException e) {
                throw new IllegalStateException("cannot build the Infor BOD JAXB context", e);
            }
            context = c;
        }
        return c;
    }

    /**
     * The BOD as UTF-8 XML text, validated against the schema while it is written, so an invalid
     * document never leaves.
     */
    public static String marshal(Object bod) {
        try {
            Marshaller marshaller = jaxbContext().createMarshaller();
            marshaller.setSchema(schema());
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            StringWriter out = new StringWriter();
            marshaller.marshal(bod, out);
            return out.toString();
        } catch (JAXBException e) {
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
            throw new InforInvalidDocumentException(bod.getClass().getSimpleName()
                    + " does not match the Infor BOD schema: " + cause.getMessage(), e);
        }
    }

    /** Namespace aware, no DOCTYPE at all, no external entities, DTDs or schemas. */
    public static DocumentBuilderFactory secureDocumentBuilderFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            return factory;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be locked down", e);
        }
    }

    private static URL locate(String file) {
        String dir = System.getProperty("bridge.schemas.dir", System.getenv("BRIDGE_SCHEMAS_DIR"));
        Path path = Path.of(dir == null || dir.isBlank() ? "schemas" : dir, SUBDIR, file);
        if (Files.isRegularFile(path)) {
            try {
                return path.toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        URL resource = InforContract.class.getClassLoader().getResource("schemas/" + SUBDIR + "/" + file);
        if (resource == null) {
            throw new IllegalStateException("Infor BOD schema not found: " + path.toAbsolutePath()
                    + " (set bridge.schemas.dir to the directory holding " + SUBDIR + "/)");
        }
        return resource;
    }
}
