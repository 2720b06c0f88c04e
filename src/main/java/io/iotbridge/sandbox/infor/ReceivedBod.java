package io.iotbridge.sandbox.infor;

import io.iotbridge.erp.infor.InforContract;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.dom.DOMSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * A BOD as the sandbox reads it: parsed without DTDs or external entities, validated against
 * schemas/infor, and what a record needs taken out of it.
 *
 * @param verb       the DataArea's verb element, e.g. Sync
 * @param noun       the noun element after it, e.g. SensorReading
 * @param documentId the noun's DocumentID/ID (first one in the document)
 * @param readingIds every ReadingID, in document order
 */
public record ReceivedBod(String verb, String noun, String documentId, List<String> readingIds) {

    /** @throws IllegalArgumentException with a message fit for the sender, when not a valid BOD */
    public static ReceivedBod read(String xml) {
        Document doc;
        try {
            DocumentBuilder builder = InforContract.secureDocumentBuilderFactory().newDocumentBuilder();
            // the parser's default handler prints to stderr; the exception says it all
            builder.setErrorHandler(new DefaultHandler() {
                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            doc = builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw new IllegalArgumentException("MessagePayload is not well-formed XML: " + e.getMessage(), e);
        }
        try {
            InforContract.validator().validate(new DOMSource(doc));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("BOD is not valid: " + e.getMessage(), e);
        }
        Element dataArea = child(doc.getDocumentElement(), "DataArea");
        List<Element> parts = children(dataArea);
        // the schema guarantees DataArea = verb element, then noun element
        String verb = parts.get(0).getLocalName();
        String noun = parts.get(1).getLocalName();
        NodeList ids = doc.getElementsByTagNameNS(InforContract.NAMESPACE, "DocumentID");
        String documentId = ids.getLength() == 0 ? null
                : child((Element) ids.item(0), "ID").getTextContent().trim();
        List<String> readingIds = new ArrayList<>();
        NodeList readings = doc.getElementsByTagNameNS(InforContract.NAMESPACE, "ReadingID");
        for (int i = 0; i < readings.getLength(); i++) {
            readingIds.add(readings.item(i).getTextContent().trim());
        }
        return new ReceivedBod(verb, noun, documentId, List.copyOf(readingIds));
    }

    /** {@code Verb.Noun}, as IMS names a document. */
    public String documentName() {
        return verb + "." + noun;
    }

    private static Element child(Element parent, String localName) {
        return children(parent).stream().filter(e -> localName.equals(e.getLocalName())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(parent.getLocalName() + " has no " + localName));
    }

    private static List<Element> children(Element parent) {
        List<Element> elements = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                elements.add(e);
            }
        }
        return elements;
    }
}
