package io.ownwatch.router.ingest;

/** The body is not a JSON document; nothing was published. */
public class MalformedAlertPayload extends RuntimeException {

    MalformedAlertPayload(String detail, Throwable cause) {
        super(detail, cause);
    }
}
