package io.ownwatch.router.ingest.web;

/**
 * The request body ended before it was complete: the sender disconnected or the connection broke mid-request.
 * Nothing was parsed or published; the answer most likely reaches nobody, but the refusal is audited.
 */
class BodyIncomplete extends RuntimeException {

    BodyIncomplete(Throwable cause) {
        super("The request body ended before it was complete.", cause);
    }
}
