package io.iotbridge.erp.sapb1;

import io.iotbridge.erp.DecimalLimit;
import io.iotbridge.erp.XmlContract;
import io.iotbridge.erp.sapb1.dis.ObjectFactory;
import jakarta.xml.bind.JAXBContext;
import java.net.URL;
import javax.xml.namespace.QName;
import javax.xml.validation.Schema;

/**
 * The DI Server contract on disk: schemas/sap-b1/DIServer.wsdl and the XSDs beside it, found and
 * loaded by {@link XmlContract}.
 */
public final class SapB1Contract {

    public static final String NAMESPACE = "http://www.sap.com/SBO/DIS";
    public static final QName SERVICE = new QName(NAMESPACE, "DIServer");
    public static final QName PORT = new QName(NAMESPACE, "DIServerPort");

    private static final XmlContract CONTRACT = new XmlContract("DI Server", "sap-b1", "dis-commands.xsd",
            ObjectFactory.class, io.iotbridge.erp.sapb1.dis.header.ObjectFactory.class);

    private SapB1Contract() {
    }

    public static URL wsdl() {
        return CONTRACT.locate("DIServer.wsdl");
    }

    /** The schema of every command: dis-commands.xsd with the BOM and header schemas it pulls in. */
    public static Schema schema() {
        return CONTRACT.schema();
    }

    /** What SAP's quantity and measure columns (numeric(19,6), the XSD's Quantity type) hold. */
    public static DecimalLimit quantityLimit() {
        return CONTRACT.decimalLimit("bom.xsd", "Quantity");
    }

    public static JAXBContext jaxbContext() {
        return CONTRACT.jaxbContext();
    }

    /**
     * Marshals a command (an {@code @XmlRootElement} such as AddObject or Login) against the XSD,
     * writing nothing, so an invalid document is refused before any byte goes out.
     */
    public static void validate(Object command) {
        CONTRACT.validate(command, (reason, e) -> new SapB1InvalidDocumentException(
                command.getClass().getSimpleName() + " does not match the DI Server schema: " + reason, e));
    }
}
