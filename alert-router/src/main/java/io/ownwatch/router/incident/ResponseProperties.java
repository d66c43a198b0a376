package io.ownwatch.router.incident;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * What responders may do to incidents ({@code ownwatch.router.incidents}).
 *
 * @param reopenWindow how long after its resolution a person may still reopen an incident; later, the problem's next
 *                     trigger opens a new incident (as it does at any time, since triggers never reopen)
 */
@Validated
@ConfigurationProperties("ownwatch.router.incidents")
public record ResponseProperties(@DefaultValue("24h") @NotNull Duration reopenWindow) {
}
