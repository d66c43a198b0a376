package io.ownwatch.router.ingest.web;

/** The request is not declared as JSON; nothing was published. */
class UnsupportedPayloadType extends RuntimeException {

    UnsupportedPayloadType(String contentType) {
        super("Content type " + (contentType == null ? "(none)" : "'" + contentType + "'")
                + " is not supported; send application/json.");
    }
}
