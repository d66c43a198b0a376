package io.ownwatch.router.notification;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import org.springframework.stereotype.Component;

/**
 * Posts JSON for the webhook and Slack channels: one HTTP client with the configured connect timeout, a request
 * timeout on every call, no redirects followed (a redirect is the endpoint's misconfiguration, not a place to send
 * an incident to). Every post carries the notification id as {@code Idempotency-Key}.
 */
@Component
public class HttpDelivery {

    private final HttpClient client;
    private final NotificationProperties properties;

    HttpDelivery(NotificationProperties properties) {
        this.properties = properties;
        this.client = HttpClient.newBuilder()
                .connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Host and port of an address, the unit that shares a circuit breaker and a bulkhead. */
    public static String endpoint(String address) {
        URI uri = URI.create(address);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        return uri.getHost() + ":" + port;
    }

    /**
     * Posts the body; any 2xx answer is delivery.
     *
     * @throws DeliveryFailed on any other answer, a timeout or an I/O error
     */
    public void postJson(String address, String notificationId, String json) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(address))
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", notificationId)
                    .header("User-Agent", "Ownwatch-alert-router")
                    .POST(HttpRequest.BodyPublishers.ofString(json))
                    .build();
        } catch (IllegalArgumentException e) {
            throw new DeliveryFailed("not a usable address: " + e.getMessage(), e);
        }
        HttpResponse<String> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new DeliveryFailed("no answer from " + endpoint(address) + " within " + properties.requestTimeout(), e);
        } catch (IOException e) {
            throw new DeliveryFailed("could not reach " + endpoint(address) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryFailed("interrupted while sending to " + endpoint(address), e);
        }
        if (response.statusCode() / 100 != 2) {
            throw new DeliveryFailed("HTTP " + response.statusCode() + " from " + endpoint(address));
        }
    }
}
