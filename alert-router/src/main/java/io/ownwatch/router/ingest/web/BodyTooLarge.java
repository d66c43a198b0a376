package io.ownwatch.router.ingest.web;

/** The request body exceeds the configured limit; nothing was published. */
class BodyTooLarge extends RuntimeException {

    BodyTooLarge(long limit) {
        super("The request body exceeds the limit of " + limit + " bytes.");
    }
}
