package io.ownwatch.registry.bundle;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Limits of the bundle import.
 *
 * @param maxSize the largest bundle accepted, uploaded and unpacked alike (a zip may not inflate beyond it);
 *                larger ones are refused with 413 before they are parsed
 */
@Validated
@ConfigurationProperties("ownwatch.import")
public record ImportProperties(@DefaultValue("1MB") DataSize maxSize) {
}
