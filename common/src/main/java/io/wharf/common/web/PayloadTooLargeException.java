package io.wharf.common.web;

import io.wharf.common.error.ErrorCode;
import io.wharf.common.error.WharfException;

/** The request body is larger than {@code wharf.web.max-body-size}: VALIDATION_ERROR sent as 413 (SPEC §1.2). */
public class PayloadTooLargeException extends WharfException {

    public PayloadTooLargeException(long limitBytes) {
        super(ErrorCode.VALIDATION_ERROR, "Request body exceeds the limit of " + limitBytes + " bytes.", null,
                "Send a smaller body.");
    }
}
