package io.iotbridge.sandbox.sapb1;

import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.body;
import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.readJson;
import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.reason;
import static io.iotbridge.sandbox.sapb1.ServiceLayerExchanges.send;

import com.sun.net.httpserver.HttpExchange;
import io.iotbridge.erp.sapb1.ServiceLayerBatch;
import io.iotbridge.erp.sapb1.ServiceLayerErrors;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The sandbox's {@code $batch}: change sets booked whole or not at all, as SAP rolls back a transaction. */
final class ServiceLayerBatches {

    /** Records one entity the batch added. */
    interface Recorder {
        void record(HttpExchange exchange, ServiceLayerCompany.Created created, String body, int status,
                Map<String, String> extraHeaders);
    }

    private ServiceLayerBatches() {
    }

    /** Each change set succeeds whole or answers its first failure alone, with nothing of it kept. */
    static void handle(HttpExchange exchange, ServiceLayerCompany company, Recorder recorder) throws IOException {
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        List<ServiceLayerBatch.Segment> segments;
        try {
            segments = ServiceLayerBatch.parse(contentType, body(exchange));
        } catch (IllegalArgumentException e) {
            throw new ServiceLayerCompany.Refusal(400, -1000, e.getMessage());
        }
        boolean plain = exchange.getRequestURI().getPath().startsWith("/b1s/v2/");
        List<ServiceLayerBatch.Segment> answers = new ArrayList<>();
        for (ServiceLayerBatch.Segment segment : segments) {
            ServiceLayerCompany.Work work = new ServiceLayerCompany.Work();
            List<ServiceLayerBatch.Message> done = new ArrayList<>();
            List<Runnable> records = new ArrayList<>();
            ServiceLayerBatch.Message failed = null;
            for (ServiceLayerBatch.Message request : segment.messages()) {
                Map<String, String> headers = new LinkedHashMap<>();
                if (request.header("content-id") != null) {
                    headers.put("content-id", request.header("content-id"));
                }
                try {
                    String[] line = request.startLine().split(" ");
                    if (line.length < 2 || !"POST".equals(line[0])) {
                        throw new ServiceLayerCompany.Refusal(405, -1000, "only POST is taken in this sandbox's $batch");
                    }
                    String entitySet = line[1].substring(line[1].lastIndexOf('/') + 1);
                    ServiceLayerCompany.Created created = company.create(entitySet, readJson(request.body()), work);
                    records.add(() -> recorder.record(exchange, created, request.body(), 201,
                            Map.of("Content-ID", String.valueOf(request.header("content-id")))));
                    headers.put("content-type", "application/json");
                    done.add(new ServiceLayerBatch.Message("HTTP/1.1 201 Created", headers, created.answer()));
                } catch (ServiceLayerCompany.Refusal refusal) {
                    headers.put("content-type", "application/json");
                    failed = new ServiceLayerBatch.Message("HTTP/1.1 " + refusal.status + " " + reason(refusal.status),
                            headers, ServiceLayerErrors.body(refusal.code, refusal.getMessage(), plain));
                    break;
                }
            }
            if (failed != null) {
                work.rollback();
                answers.add(new ServiceLayerBatch.Segment(false, List.of(failed)));
            } else {
                records.forEach(Runnable::run);
                answers.add(new ServiceLayerBatch.Segment(segment.changeSet(), done));
            }
        }
        ServiceLayerBatch.Body answer = ServiceLayerBatch.answer(answers);
        send(exchange, 202, answer.contentType(), answer.text());
    }
}
