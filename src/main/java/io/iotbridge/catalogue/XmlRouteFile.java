package io.iotbridge.catalogue;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParserFactory;
import org.apache.camel.spi.Resource;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Camel skips a {@code .camel.xml} file that is not an XML document at all (plain text, an empty
 * file) with only a warning; the catalogue refuses it like any file that cannot be loaded. Read up
 * to its root element, with no DTD and nothing external resolved.
 */
final class XmlRouteFile {

    /** Thrown at the root element: the rest is Camel's to read. */
    private static final class RootFound extends SAXException {
        RootFound() {
            super(null, null);
        }
    }

    private XmlRouteFile() {
    }

    /** Throws, naming the parser's reason, when an XML route file has no root element to read. */
    static void requireDocument(Resource resource) throws IOException {
        if (!resource.getLocation().endsWith(".xml")) {
            return;
        }
        try (InputStream in = resource.getInputStream()) {
            SAXParserFactory factory = SAXParserFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.newSAXParser().parse(in, new DefaultHandler() {
                @Override
                public void startElement(String uri, String localName, String qName, Attributes attributes) throws SAXException {
                    throw new RootFound();
                }
            });
            throw new IllegalArgumentException("not an XML document: it has no root element");
        } catch (RootFound found) {
            // an XML document: Camel reads the rest
        } catch (SAXParseException e) {
            // no cause: a refusal names the root cause's message, and this one says what it means
            throw new IllegalArgumentException("not an XML document: " + e.getMessage());
        } catch (SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("cannot read " + resource.getLocation() + ": " + e.getMessage(), e);
        }
    }
}
