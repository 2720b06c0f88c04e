package io.iotbridge.sandbox.sapb1;

import io.iotbridge.enrich.WorkOrder;
import io.iotbridge.erp.sapb1.DiServerFaults;
import io.iotbridge.erp.sapb1.DiServerLogin;
import io.iotbridge.erp.sapb1.SapB1Contract;
import io.iotbridge.erp.sapb1.SapB1Keys;
import io.iotbridge.erp.sapb1.SapB1Objects;
import io.iotbridge.erp.sapb1.SapB1WorkOrderQuery;
import io.iotbridge.erp.sapb1.dis.AddObject;
import io.iotbridge.erp.sapb1.dis.AddObjectResponse;
import io.iotbridge.erp.sapb1.dis.BusinessObject;
import io.iotbridge.erp.sapb1.dis.DIServerPortType;
import io.iotbridge.erp.sapb1.dis.ExecuteSQL;
import io.iotbridge.erp.sapb1.dis.ExecuteSQLResponse;
import io.iotbridge.erp.sapb1.dis.Login;
import io.iotbridge.erp.sapb1.dis.LoginResponse;
import io.iotbridge.erp.sapb1.dis.Logout;
import io.iotbridge.erp.sapb1.dis.LogoutResponse;
import io.iotbridge.erp.sapb1.dis.MeterTableRow;
import io.iotbridge.erp.sapb1.dis.ProductionOrderRow;
import io.iotbridge.erp.sapb1.dis.RecordsetObject;
import io.iotbridge.sandbox.SandboxRecord;
import io.iotbridge.sandbox.SandboxRecorder;
import jakarta.jws.WebService;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.cxf.message.Message;
import org.apache.cxf.phase.PhaseInterceptorChain;

/**
 * The DI Server behind the sandbox gateway: logins checked against the configured credentials,
 * sessions, UDT keys, DocEntry numbers, and the records of what it accepted. Requests arrive
 * schema-validated by CXF.
 */
@WebService(
        serviceName = "DIServer",
        portName = "DIServerPort",
        targetNamespace = SapB1Contract.NAMESPACE,
        endpointInterface = "io.iotbridge.erp.sapb1.dis.DIServerPortType")
final class DiServerSandboxService implements DIServerPortType {

    private final SandboxRecorder recorder;
    /** The credentials a Login must carry (the DI Server's company database and user). */
    private final DiServerLogin expected;
    private final Set<String> sessions = ConcurrentHashMap.newKeySet();
    /** Stored UDT rows, as "table/Code". */
    private final Set<String> userTableKeys = ConcurrentHashMap.newKeySet();
    /** U_IotKeys of stored documents, as "table/key". */
    private final Set<String> documentKeys = ConcurrentHashMap.newKeySet();
    private final AtomicLong docEntries = new AtomicLong();
    private final AtomicInteger logins = new AtomicInteger();
    private final AtomicInteger loginAttempts = new AtomicInteger();
    private final AtomicInteger rejections = new AtomicInteger();
    private volatile String rejectionMessage = "";
    private volatile String rejectionKind;
    /** machine id -> production order in progress, as the work-order query answers */
    private volatile Map<String, WorkOrder> currentOrders = Map.of();
    private final AtomicInteger workOrderQueries = new AtomicInteger();

    DiServerSandboxService(SandboxRecorder recorder, DiServerLogin expected) {
        this.recorder = recorder;
        this.expected = expected;
    }

    @Override
    public LoginResponse login(Login parameters) {
        loginAttempts.incrementAndGet();
        // in the order Company.Connect meets them: the company database, then the B1 user
        if (!same(parameters.getDatabaseName(), expected.databaseName())
                || !same(parameters.getDatabaseUsername(), expected.databaseUsername())
                || !same(parameters.getDatabasePassword(), expected.databasePassword())) {
            throw DiServerFaults.loginRefused(DiServerFaults.COMPANY_DATABASE_FAILED);
        }
        if (!same(parameters.getCompanyUsername(), expected.companyUsername())
                || !same(parameters.getCompanyPassword(), expected.companyPassword())) {
            throw DiServerFaults.loginRefused(DiServerFaults.USER_AUTHENTICATION_FAILED);
        }
        String session = UUID.randomUUID().toString().toUpperCase(Locale.ROOT);
        sessions.add(session);
        logins.incrementAndGet();
        LoginResponse response = new LoginResponse();
        response.setSessionID(session);
        return response;
    }

    @Override
    public AddObjectResponse addObject(AddObject parameters, String sessionID) {
        requireSession(sessionID);
        BusinessObject bo = parameters.getBOM().getBO();
        String kind = SapB1Objects.kindOf(bo.getAdmInfo().getObject());
        String onlyKind = rejectionKind;
        if ((onlyKind == null || onlyKind.equals(kind)) && rejections.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0) {
            throw DiServerFaults.rejected(rejectionMessage);
        }
        String key;
        String readingIds;
        switch (kind) {
            case "meter" -> {
                MeterTableRow row = bo.getUserTable() == null ? null : bo.getUserTable().getRow();
                String table = bo.getAdmInfo().getTableName();
                if (row == null || table == null) {
                    throw DiServerFaults.rejected("UserTable needs AdmInfo/TableName and a UserTable/row");
                }
                key = row.getCode();
                readingIds = row.getUReadingIds();
                if (!userTableKeys.add(table + "/" + key)) {
                    throw DiServerFaults.rejected(DiServerFaults.duplicateKeyMessage("@" + table));
                }
            }
            case "counter" -> {
                if (bo.getDocuments() == null || bo.getDocumentLines() == null) {
                    throw DiServerFaults.rejected("oInventoryGenEntry needs Documents and Document_Lines");
                }
                readingIds = bo.getDocuments().getRow().getUReadingIds();
                key = newDocEntry("OIGN", SapB1Keys.documentKey(bo));
            }
            default -> {
                if (bo.getServiceCalls() == null) {
                    throw DiServerFaults.rejected("oServiceCalls needs a ServiceCalls container");
                }
                readingIds = bo.getServiceCalls().getRow().getUReadingIds();
                key = newDocEntry("OSCL", SapB1Keys.documentKey(bo));
            }
        }
        AddObjectResponse response = new AddObjectResponse();
        response.setRetKey(key);
        Message request = PhaseInterceptorChain.getCurrentMessage();
        recorder.record(new SandboxRecord(SapB1Objects.ERP, kind, key, Instant.now(),
                List.of(readingIds.split(" ")), RawEnvelopeCapture.envelopeOf(request), RawEnvelopeCapture.urlOf(request),
                RawEnvelopeCapture.methodOf(request), RawEnvelopeCapture.headersOf(request), 200, answerOf(response)));
        return response;
    }

    /** The AddObjectResponse the gateway sends in the SOAP body of its answer. */
    private static String answerOf(AddObjectResponse response) {
        try {
            StringWriter out = new StringWriter();
            Marshaller marshaller = SapB1Contract.jaxbContext().createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_FRAGMENT, true);
            marshaller.marshal(response, out);
            return out.toString();
        } catch (JAXBException e) {
            return null;
        }
    }

    /**
     * The next DocEntry, unless the table already holds a document with this U_IotKey: then the
     * duplicate-key error, as a company that keeps U_IotKey unique answers a replay.
     */
    private String newDocEntry(String table, String iotKey) {
        if (!documentKeys.add(table + "/" + iotKey)) {
            throw DiServerFaults.rejected(DiServerFaults.duplicateKeyMessage(table));
        }
        return String.valueOf(docEntries.incrementAndGet());
    }

    /** Answers the work-order query ({@link SapB1WorkOrderQuery}) from the table of current orders. */
    @Override
    public ExecuteSQLResponse executeSQL(ExecuteSQL parameters, String sessionID) {
        requireSession(sessionID);
        String machine = SapB1WorkOrderQuery.machineOf(parameters.getDoQuery()).orElseThrow(() ->
                DiServerFaults.rejected("the sandbox answers only the bridge's production order query"));
        workOrderQueries.incrementAndGet();
        ExecuteSQLResponse.BOM.BO.OWOR rows = new ExecuteSQLResponse.BOM.BO.OWOR();
        WorkOrder order = currentOrders.get(machine);
        if (order != null) {
            ProductionOrderRow row = new ProductionOrderRow();
            row.setDocEntry(new BigInteger(order.number()));
            row.setItemCode(order.itemCode());
            rows.getRow().add(row);
        }
        ExecuteSQLResponse.BOM.BO.AdmInfo admInfo = new ExecuteSQLResponse.BOM.BO.AdmInfo();
        admInfo.setObject(RecordsetObject.O_RECORDSET);
        ExecuteSQLResponse.BOM.BO bo = new ExecuteSQLResponse.BOM.BO();
        bo.setAdmInfo(admInfo);
        bo.setOWOR(rows);
        ExecuteSQLResponse.BOM bom = new ExecuteSQLResponse.BOM();
        bom.setBO(bo);
        ExecuteSQLResponse response = new ExecuteSQLResponse();
        response.setBOM(bom);
        return response;
    }

    void currentOrders(Map<String, WorkOrder> orders) {
        currentOrders = Map.copyOf(orders);
    }

    int workOrderQueries() {
        return workOrderQueries.get();
    }

    @Override
    public LogoutResponse logout(Logout parameters, String sessionID) {
        requireSession(sessionID);
        sessions.remove(sessionID);
        return new LogoutResponse();
    }

    void expireSessions() {
        sessions.clear();
    }

    void rejectNext(int n, String message, String kind) {
        rejectionMessage = message;
        rejectionKind = kind;
        rejections.set(Math.max(0, n));
    }

    int logins() {
        return logins.get();
    }

    int loginAttempts() {
        return loginAttempts.get();
    }

    int openSessions() {
        return sessions.size();
    }

    /** Compared in constant time, so the answer's timing tells nothing of a password. */
    private static boolean same(String given, String expected) {
        return MessageDigest.isEqual(bytes(given), bytes(expected));
    }

    private static byte[] bytes(String value) {
        return (value == null ? "" : value).getBytes(StandardCharsets.UTF_8);
    }

    private void requireSession(String sessionID) {
        if (sessionID == null || !sessions.contains(sessionID)) {
            throw DiServerFaults.invalidSession();
        }
    }
}
