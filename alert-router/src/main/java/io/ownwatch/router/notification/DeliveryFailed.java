package io.ownwatch.router.notification;

/** An endpoint did not take a message: it answered an error, or could not be reached in time. */
public class DeliveryFailed extends RuntimeException {

    public DeliveryFailed(String message) {
        super(message);
    }

    public DeliveryFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
