package io.iotbridge.erp;

import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * The XML plumbing every ERP module's contract shares: where its schemas are, the compiled schema,
 * the JAXB context of its generated classes, marshalling that validates while it writes, and
 * parsers and validators that never fetch a DTD, an external entity or a remote schema.
 *
 * <p>schemas/ is owned by the plant and sits beside the jar (docs/architecture.md, "Where each part lives"), so it is read from the
 * file system: {@code bridge.schemas.dir} (system property, or BRIDGE_SCHEMAS_DIR), default
 * {@code schemas} in the working directory; a copy on the class path is the fallback.
 *
 * <p>One instance per module; the schema and the context are built on first use and then kept,
 * because both are thread-safe and expensive to build.
 */
public final class XmlContract {

    private final String name;
    private final String subdir;
    private final String rootSchema;
    private final Class<?>[] objectFactories;

    private volatile Schema schema;
    private volatile JAXBContext context;

    /** {@code name} as errors say it ("DI Server"); rootSchema is the XSD in schemas/subdir/ that pulls in the rest. */
    public XmlContract(String name, String subdir, String rootSchema, Class<?>... objectFactories) {
        this.name = name;
        this.subdir = subdir;
        this.rootSchema = rootSchema;
        this.objectFactories = objectFactories.clone();
    }

    public Schema schema() {
        Schema s = schema;
        if (s == null) {
            try {
                SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
                factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                // includes and imports are local files (or jar entries); nothing else is fetched
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
                factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "file,jar");
                s = factory.newSchema(locate(rootSchema));
            } catch (SAXException e) {
                throw new IllegalStateException("cannot load the " + name + " schema: " + e.getMessage(), e);
            }
            schema = s;
        }
        return s;
    }

    /** A validator of the schema that fetches nothing a document points at. */
    public Validator validator() {
        Validator validator = schema().newValidator();
        try {
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        } catch (SAXException e) {
            throw new IllegalStateException("the XML validator cannot be locked down", e);
        }
        return validator;
    }

    public JAXBContext jaxbContext() {
        JAXBContext c = context;
        if (c == null) {
            try {
                c = JAXBContext.newInstance(objectFactories);
            } catch (JAXBException e) {
                throw new IllegalStateException("cannot build the " + name + " JAXB context", e);
            }
            context = c;
        }
        return c;
    }

    /**
     * The value as indented UTF-8 XML text, validated against the schema while it is written, so
     * an invalid document never leaves. {@code invalid} turns the reason (the schema error's
     * message) and the JAXB exception into the module's own exception, which is thrown.
     */
    public String marshal(Object value, BiFunction<String, JAXBException, ? extends RuntimeException> invalid) {
        StringWriter out = new StringWriter();
        try {
            Marshaller marshaller = validatingMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            marshaller.marshal(value, out);
        } catch (JAXBException e) {
            throw invalid.apply(reason(e), e);
        }
        return out.toString();
    }

    /** Marshals the value against the schema, writing nothing; an invalid one throws as in {@link #marshal}. */
    public void validate(Object value, BiFunction<String, JAXBException, ? extends RuntimeException> invalid) {
        try {
            validatingMarshaller().marshal(value, new DefaultHandler());
        } catch (JAXBException e) {
            throw invalid.apply(reason(e), e);
        }
    }

    /** Namespace aware, no DOCTYPE at all, no external entities, DTDs or schemas, no XInclude. */
    public static DocumentBuilderFactory secureDocumentBuilderFactory() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // refusing DOCTYPEs rules out entity expansion as well as external entities
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

    /** A file of the module's contract: schemas/subdir/file on disk, else on the class path. */
    public URL locate(String file) {
        String dir = System.getProperty("bridge.schemas.dir", System.getenv("BRIDGE_SCHEMAS_DIR"));
        Path path = Path.of(dir == null || dir.isBlank() ? "schemas" : dir, subdir, file);
        if (Files.isRegularFile(path)) {
            try {
                return path.toAbsolutePath().toUri().toURL();
            } catch (MalformedURLException e) {
                throw new IllegalStateException(e);
            }
        }
        URL resource = XmlContract.class.getClassLoader().getResource("schemas/" + subdir + "/" + file);
        if (resource == null) {
            throw new IllegalStateException(name + " contract not found: " + path.toAbsolutePath()
                    + " (set bridge.schemas.dir to the directory holding " + subdir + "/)");
        }
        return resource;
    }

    /**
     * The digits a decimal simple type of the contract allows, read from its {@code totalDigits}
     * and {@code fractionDigits} facets in {@code file}; null when the type sets no total.
     */
    public DecimalLimit decimalLimit(String file, String simpleType) {
        URL url = locate(file);
        try (InputStream in = url.openStream()) {
            Document xsd = secureDocumentBuilderFactory().newDocumentBuilder().parse(in);
            NodeList types = xsd.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "simpleType");
            for (int i = 0; i < types.getLength(); i++) {
                Element type = (Element) types.item(i);
                if (simpleType.equals(type.getAttribute("name"))) {
                    Integer total = facet(type, "totalDigits");
                    Integer fraction = facet(type, "fractionDigits");
                    return total == null ? null : new DecimalLimit(total, fraction == null ? 0 : fraction);
                }
            }
        } catch (IOException | SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot read the " + name + " schema " + url + ": " + e.getMessage(), e);
        }
        throw new IllegalStateException("the " + name + " schema " + url + " has no simple type " + simpleType);
    }

    private static Integer facet(Element type, String facet) {
        NodeList found = type.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, facet);
        return found.getLength() == 0 ? null : Integer.valueOf(((Element) found.item(0)).getAttribute("value").strip());
    }

    private Marshaller validatingMarshaller() throws JAXBException {
        Marshaller marshaller = jaxbContext().createMarshaller();
        marshaller.setSchema(schema());
        return marshaller;
    }

    // the schema error (a SAXParseException) says what is wrong; JAXB's own message often is empty
    private static String reason(JAXBException e) {
        Throwable cause = e.getLinkedException() != null ? e.getLinkedException() : e;
        return cause.getMessage();
    }
}
