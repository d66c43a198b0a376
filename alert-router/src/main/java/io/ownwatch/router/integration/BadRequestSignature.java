package io.ownwatch.router.integration;

/** The integration signs its requests and this one's signature is missing, stale or wrong; nothing was written. */
public class BadRequestSignature extends RuntimeException {

    BadRequestSignature(String detail) {
        super(detail);
    }
}
