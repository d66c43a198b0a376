package io.ownwatch.router.notification;

import java.util.UUID;

/** What a verified one-click link asks for: a person acting on an incident. */
public record SignedAction(UUID incidentId, LinkAction action, String person) {
}
