package io.iotbridge.erp.infor;

import io.iotbridge.erp.ErpRejectedException;

/**
 * ION refused the message (412: connection point inactive or not entitled, or in v2 any rejection;
 * 400: an invalid message). Permanent: the document goes to the dead letters with Infor's message.
 */
public class InforRejectedException extends ErpRejectedException {

    private final int status;
    private final String inforMessage;

    public InforRejectedException(int status, String inforMessage) {
        super("Infor ION rejected the document (HTTP " + status + "): " + inforMessage);
        this.status = status;
        this.inforMessage = inforMessage;
    }

    public int status() {
        return status;
    }

    /** ION's own message, unchanged. */
    public String inforMessage() {
        return inforMessage;
    }
}
