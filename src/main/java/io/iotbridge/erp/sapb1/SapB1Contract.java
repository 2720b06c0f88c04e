package io.iotbridge.erp.sapb1;

import io.iotbridge.erp.sapb1.dis.ObjectFactory;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The DI Server contract on disk: schemas/sap-b1/DIServer.wsdl and the XSDs beside it.
 *
 * <p>schemas/ is owned by the plant (DESIGN.md §2) and sits beside the jar, so it is read from the
 * file system: {@code bridge.schemas.dir} (system property, or BRIDGE_SCHEMAS_DIR), default
 * {@code schemas} in the working directory; a copy on the class path is the fallback.
 */
public final class SapB1Contract {

    public static final String NAMESPACE = "http://www.sap.com/SBO/DIS";
    public static final QName SERVICE = new QName(NAMESPACE, "DIServer");
    public static final QName PORT = new QName(NAMESPACE, "DIServerPort");

    private static final String SUBDIR = "sap-b1";

    private static volatile Schema schema;
    private static volatile JAXBContext context;

    private SapB1Contract() {
    }

    public static URL wsdl() {
        return locate("DIServer.wsdl");
    }

    /** The schema of every command: dis-commands.xsd with the BOM and header schemas it pulls in. */
    public static Schema schema() {
        Schema s = schema;
        if (s == null) {
            try {
                SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                // includes and imports are local files (or jar entries); nothing else is fetched
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
                s = factory.newSchema(locate("dis-commands.xsd"));
            } catch (SAXException e) {
                throw new IllegalStateException("cannot load the DI Server schema: " + e.getMessage(), e);
            }
            schema = s;
        }
        return s;
    }

    public static JAXBContext jaxbContext() {
        JAXBContext c = context;
        if (c == null) {
            try {
                c = JAXBContext.newInstance(ObjectFactory.class,
                        io.iotbridge.erp.sapb1.dis.header.ObjectFactory.class);
            } catch (JAXBException e) {
                throw new IllegalStateException("cannot build the DI Server JAXB context", e);
            }
            context = c;
        }
        return c;
    }

    /**
     * Marshals a command (an {@code @XmlRootElement} such as AddObject or Login) against the XSD,
     * writing nothing, so an invalid document is refused before any byte goes out.
     */
    public static void validate(Object command) {
        try {
            Marshaller marshaller = jaxbContext().createMarshaller();
            marshaller.setSchema(schema());
            marshaller.marshal(command, new DefaultHandler());
        } catch (JAXBException e) {
            Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
            throw new SapB1InvalidDocumentException(
                    command.getClass().getSimpleName() + " does not match the DI Server schema: "
                            + cause.getMessage(), e);
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
        URL resource = SapB1Contract.class.getClassLoader().getResource("schemas/" + SUBDIR + "/" + file);
        if (resource == null) {
            throw new IllegalStateException("DI Server contract not found: " + path.toAbsolutePath()
                    + " (set bridge.schemas.dir to the directory holding " + SUBDIR + "/)");
        }
        return resource;
    }
}
