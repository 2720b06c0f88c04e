package io.iotbridge.api;

import org.apache.camel.Body;
import org.apache.camel.Exchange;
import org.apache.camel.NoTypeConversionAvailableException;
import org.apache.camel.TypeConversionException;
import org.apache.camel.component.bean.ParameterBindingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST routes' error answers (camel/api-requests.camel.yaml): a failed request is answered
 * at once, as a problem, and never retried behind its caller's back.
 */
public final class ApiProblems {

    private static final Logger LOG = LoggerFactory.getLogger(ApiProblems.class);

    /** 404 with {@code detail} (the body), e.g. "no dead letter with id ...". */
    public String notFound(Exchange exchange, @Body String detail) {
        return Problem.answer(exchange, 404, detail);
    }

    /** The exception a REST route ended with: 400 for a parameter of the wrong type or value, 503 for a part that is off, else 500. */
    public String failure(Exchange exchange) {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BadRequestException bad) {
                return Problem.answer(exchange, 400, bad.getMessage());
            }
            if (cause instanceof ServiceUnavailableException unavailable) {
                return Problem.answer(exchange, 503, unavailable.getMessage());
            }
            if (cause instanceof ParameterBindingException || cause instanceof TypeConversionException
                    || cause instanceof NoTypeConversionAvailableException) {
                return Problem.answer(exchange, 400, "a query or path parameter has the wrong type: "
                        + LogSafe.of(exchange.getIn().getHeader(Exchange.HTTP_QUERY, String.class)));
            }
        }
        LOG.warn("{} {} failed: {}", exchange.getIn().getHeader(Exchange.HTTP_METHOD),
                LogSafe.of(exchange.getIn().getHeader(Exchange.HTTP_PATH, String.class)), LogSafe.of(String.valueOf(failure)));
        return Problem.answer(exchange, 500, "the request failed inside the bridge; its log says why");
    }
}
