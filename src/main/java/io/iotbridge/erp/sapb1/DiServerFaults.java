package io.iotbridge.erp.sapb1;

import jakarta.xml.soap.SOAPFault;
import jakarta.xml.ws.soap.SOAPFaultException;
import java.util.Optional;
import javax.xml.namespace.QName;
import org.apache.cxf.binding.soap.SoapFault;

/**
 * The SOAP 1.1 faults the DI Server (through its gateway) answers with, shared by the client
 * (to recognise them) and the sandbox (to send them).
 *
 * <p>UNCONFIRMED (schemas/sap-b1/README.md, "Sources: Faults"): no public source
 * shows the fault DI Server gives for
 * an unknown or expired SessionID. We assume faultcode {@code env:Client} with the faultstring
 * {@link #INVALID_SESSION_MESSAGE}; this class is the one place to correct that. Business
 * errors are {@code env:Server} faults whose faultstring is the DI API's message.
 *
 * <p>UNCONFIRMED as well: a refused Login. The DI API's Company.Connect reports a wrong company
 * user or password as error -132 and a company database it cannot open (name, database user or
 * password) as -111; we assume the gateway passes them on as {@code env:Server} faults with these
 * texts ({@link #USER_AUTHENTICATION_FAILED}, {@link #COMPANY_DATABASE_FAILED}).
 */
public final class DiServerFaults {

    public static final String SOAP11_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";
    public static final QName CLIENT = new QName(SOAP11_ENVELOPE, "Client");
    public static final QName SERVER = new QName(SOAP11_ENVELOPE, "Server");

    public static final QName INVALID_SESSION_CODE = CLIENT;
    public static final String INVALID_SESSION_MESSAGE = "Invalid session: the SessionID is unknown or has expired";

    public static final String USER_AUTHENTICATION_FAILED = "Error during SBO user authentication (-132)";
    public static final String COMPANY_DATABASE_FAILED = "Connection to the company database has failed (-111)";

    /** The DI API's duplicate-key error (ODBC -2035), as SAP words it, for a table. */
    public static String duplicateKeyMessage(String table) {
        return "This entry already exists in the following tables '" + table + "' (ODBC -2035)";
    }

    /** Whether a rejection is the duplicate-key error, i.e. the object is already booked. */
    public static boolean isDuplicateKey(String faultMessage) {
        return faultMessage != null && faultMessage.contains("(ODBC -2035)");
    }

    /** A fault as the client sees it, whichever way CXF surfaced it. */
    public record Fault(QName code, String message) {

        public boolean isInvalidSession() {
            return INVALID_SESSION_CODE.getLocalPart().equals(code.getLocalPart())
                    && message != null && message.startsWith(INVALID_SESSION_MESSAGE);
        }
    }

    private DiServerFaults() {
    }

    public static SoapFault invalidSession() {
        return new SoapFault(INVALID_SESSION_MESSAGE, INVALID_SESSION_CODE);
    }

    /** A refused Login: the DI API's message only, never the values the caller sent. */
    public static SoapFault loginRefused(String message) {
        return new SoapFault(message, SERVER);
    }

    public static SoapFault rejected(String message) {
        return new SoapFault(message, SERVER);
    }

    /**
     * The SOAP fault behind a client call's exception, if it was one. CXF hands a received
     * fault over as a SOAPFaultException when a SAAJ implementation is present, otherwise as a
     * WebServiceException caused by its own SoapFault; both are read here.
     */
    public static Optional<Fault> of(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SoapFault soap) {
                return Optional.of(new Fault(soap.getFaultCode(), soap.getReason()));
            }
            if (t instanceof SOAPFaultException saaj && saaj.getFault() != null) {
                SOAPFault fault = saaj.getFault();
                return Optional.of(new Fault(fault.getFaultCodeAsQName(), fault.getFaultString()));
            }
        }
        return Optional.empty();
    }
}
