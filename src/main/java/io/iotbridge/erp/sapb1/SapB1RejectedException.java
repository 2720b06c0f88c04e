package io.iotbridge.erp.sapb1;

import io.iotbridge.erp.ErpRejectedException;
import javax.xml.namespace.QName;

/**
 * The DI Server answered a command with a SOAP fault, or the Service Layer with an error, that is
 * not about the session: a business rejection (duplicate key, missing master data, ...). Retrying the same document will not help.
 */
public class SapB1RejectedException extends ErpRejectedException {

    private final QName faultCode;
    private final String faultMessage;

    public SapB1RejectedException(QName faultCode, String faultMessage, Throwable cause) {
        super("SAP Business One rejected the document: " + faultMessage, cause);
        this.faultCode = faultCode;
        this.faultMessage = faultMessage;
    }

    /** A Service Layer error: its code (e.g. -5002) as the fault code's local part, its message unchanged. */
    public SapB1RejectedException(String code, String message, Throwable cause) {
        this(new QName(code == null ? "" : code), message, cause);
    }

    /** The SOAP 1.1 faultcode, e.g. {@code {http://schemas.xmlsoap.org/soap/envelope/}Server}. */
    public QName faultCode() {
        return faultCode;
    }

    /** The DI Server's own message (the faultstring), unchanged. */
    public String faultMessage() {
        return faultMessage;
    }
}
