package io.ownwatch.executor;

import io.ownwatch.executor.action.ActionStep;
import io.ownwatch.executor.action.ActionType;
import io.ownwatch.executor.action.PlannedStep;
import io.ownwatch.executor.action.StepContext;
import io.ownwatch.executor.action.StepOutcome;
import io.ownwatch.executor.action.StepRefused;
import io.ownwatch.executor.action.StepRunner;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.test.context.TestComponent;

/**
 * A stand-in for the real step runner while it is built on another branch: HTTP_REQUEST steps only (settings
 * {@code method}, {@code url}, optional {@code body}, {@code {{name}}} replaced by the parameter), through
 * java.net.http, with NO guards (no SSRF check, no parameter validation). The ITs are written so that they hold with
 * the real runner too: HTTP steps to a JDK HttpServer on 127.0.0.1, which every runbook's hostAllowlist lists.
 * The integrator deletes this class (and its {@code @Import}s) when the real {@code StepRunner} lands.
 */
@TestComponent
public class InterimStepRunner implements StepRunner {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([A-Za-z0-9_]+)}}");
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Override
    public PlannedStep plan(ActionStep step, StepContext context) {
        if (step.action() != ActionType.HTTP_REQUEST) {
            throw new StepRefused("steps." + step.name() + ".action", "the interim runner only runs HTTP_REQUEST");
        }
        return new PlannedStep(step.name(), step.action(), method(step) + " " + url(step, context), 1);
    }

    @Override
    public StepOutcome run(ActionStep step, StepContext context) {
        plan(step, context);
        Instant started = Instant.now();
        String body = bind(step.settings().getOrDefault("body", ""), context.parameters());
        HttpRequest request = HttpRequest.newBuilder(URI.create(url(step, context)))
                .timeout(context.timeout())
                .method(method(step), body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            boolean ok = response.statusCode() / 100 == 2;
            return new StepOutcome(step.name(), ok ? StepOutcome.Status.SUCCEEDED : StepOutcome.Status.FAILED,
                    "HTTP " + response.statusCode(), started, Instant.now());
        }
        catch (HttpTimeoutException e) {
            return new StepOutcome(step.name(), StepOutcome.Status.TIMED_OUT, "no answer in time", started, Instant.now());
        }
        catch (IOException e) {
            return new StepOutcome(step.name(), StepOutcome.Status.FAILED, e.getClass().getSimpleName(), started,
                    Instant.now());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new StepOutcome(step.name(), StepOutcome.Status.FAILED, "interrupted", started, Instant.now());
        }
    }

    private static String method(ActionStep step) {
        return step.settings().getOrDefault("method", "POST");
    }

    private static String url(ActionStep step, StepContext context) {
        String url = step.settings().get("url");
        if (url == null) {
            throw new StepRefused("steps." + step.name() + ".settings.url", "missing");
        }
        return bind(url, context.parameters());
    }

    private static String bind(String template, Map<String, String> parameters) {
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder bound = new StringBuilder();
        while (matcher.find()) {
            String value = parameters.get(matcher.group(1));
            if (value == null) {
                throw new StepRefused("parameters." + matcher.group(1), "missing");
            }
            matcher.appendReplacement(bound, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(bound);
        return bound.toString();
    }
}
