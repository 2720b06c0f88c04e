package io.iotbridge.erp.sapb1;

import io.iotbridge.erp.XmlContract;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/** Test-side XML: a parser that never resolves DTDs or entities, and a prefix-blind normal form. */
public final class XmlSupport {

    private XmlSupport() {
    }

    public static Document parse(String xml) {
        try {
            // the production parser, so the tests read documents under the same restrictions;
            // from characters: an encoding declaration (UTF-16 in SAP's samples) does not matter here
            return XmlContract.secureDocumentBuilderFactory().newDocumentBuilder()
                    .parse(new InputSource(new StringReader(xml)));
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
        }
    }

    /**
     * One line per element: its namespace and local name, attributes (sorted, xmlns left out) and
     * trimmed text. Prefixes, indentation and comments do not count, names and values do.
     */
    public static String normalized(String xml) {
        StringBuilder out = new StringBuilder();
        append(parse(xml).getDocumentElement(), 0, out);
        return out.toString();
    }

    /** The elements named {@code localName} in namespace {@code ns} ({@code null}: no namespace). */
    public static List<Element> elements(Document doc, String ns, String localName) {
        List<Element> found = new ArrayList<>();
        var all = doc.getElementsByTagNameNS(ns == null ? "" : ns, localName);
        for (int i = 0; i < all.getLength(); i++) {
            found.add((Element) all.item(i));
        }
        if (ns == null) {
            found.removeIf(e -> e.getNamespaceURI() != null);
        }
        return found;
    }

    private static void append(Element element, int depth, StringBuilder out) {
        out.append("  ".repeat(depth)).append('{').append(nullToEmpty(element.getNamespaceURI())).append('}')
                .append(element.getLocalName());
        NamedNodeMap attributes = element.getAttributes();
        List<String> attrs = new ArrayList<>();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attr = (Attr) attributes.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attr.getNamespaceURI())) {
                attrs.add("@{" + nullToEmpty(attr.getNamespaceURI()) + "}" + attr.getLocalName() + "=" + attr.getValue());
            }
        }
        attrs.stream().sorted().forEach(a -> out.append(' ').append(a));
        StringBuilder text = new StringBuilder();
        List<Element> children = new ArrayList<>();
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                text.append(child.getNodeValue());
            } else if (child.getNodeType() == Node.ELEMENT_NODE) {
                children.add((Element) child);
            }
        }
        if (!text.toString().isBlank()) {
            out.append(" = ").append(text.toString().trim());
        }
        out.append('\n');
        children.forEach(child -> append(child, depth + 1, out));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
