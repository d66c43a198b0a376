package io.ownwatch.registry.runbook;

import java.util.List;

/**
 * A typed input of a runbook, referenced from step settings as {@code {{name}}}. Which rule fields apply depends
 * on the type: {@code pattern} for STRING, {@code min}/{@code max} for INT, {@code allowedValues} for ENUM.
 *
 * @param name          how steps reference it
 * @param type          what values it takes
 * @param required      whether every run must give it
 * @param pattern       a regular expression a STRING value must match entirely
 * @param min           the smallest INT value
 * @param max           the largest INT value
 * @param allowedValues the values an ENUM takes
 */
public record Parameter(String name, ParameterType type, boolean required, String pattern, Long min, Long max,
        List<String> allowedValues) {

    public Parameter {
        allowedValues = allowedValues == null ? List.of() : List.copyOf(allowedValues);
    }
}
