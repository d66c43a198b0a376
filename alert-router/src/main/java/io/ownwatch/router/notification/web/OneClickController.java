package io.ownwatch.router.notification.web;

import io.ownwatch.router.incident.Incident;
import io.ownwatch.router.incident.IncidentAlreadyResolved;
import io.ownwatch.router.incident.IncidentNotFound;
import io.ownwatch.router.incident.IncidentResponse;
import io.ownwatch.router.incident.Incidents;
import io.ownwatch.router.notification.LinkRefused;
import io.ownwatch.router.notification.NotificationProperties;
import io.ownwatch.router.notification.OneClickLinks;
import io.ownwatch.router.notification.SignedAction;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.util.HtmlUtils;

/**
 * The one-click links of notifications. They need no bearer token: the link's signature is the credential (the
 * path is an open path of the router's security configuration). GET only shows a confirmation page with one button,
 * because mail scanners and link previews follow GET links and must not acknowledge a page nobody read; the POST of
 * that button acts as the person named in the link, who is then the actor on the timeline. A refused link changes
 * nothing and answers RFC 9457 problem details to JSON clients, a plain page to browsers.
 */
@Controller
@RequestMapping(OneClickLinks.PATH)
class OneClickController {

    private static final Logger log = LoggerFactory.getLogger(OneClickController.class);
    private static final String TYPE_BASE = "https://ownwatch.io/problems/";

    private final OneClickLinks links;
    private final Incidents incidents;
    private final IncidentResponse response;
    private final Clock clock;

    OneClickController(NotificationProperties properties, Incidents incidents, IncidentResponse response, Clock clock) {
        this.links = OneClickLinks.of(properties);
        this.incidents = incidents;
        this.response = response;
        this.clock = clock;
    }

    @GetMapping("/{incidentId}/{action}")
    ResponseEntity<?> confirm(@PathVariable String incidentId, @PathVariable String action,
            @RequestParam(required = false) String person, @RequestParam(required = false) String expires,
            @RequestParam(required = false) String signature,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        SignedAction signed = links.verify(incidentId, action, person, expires, signature, clock.instant());
        Incident incident = incidents.findById(signed.incidentId())
                .orElseThrow(() -> new IncidentNotFound(signed.incidentId()));
        if (wantsJson(accept)) {
            return json(HttpStatus.OK, view(incident, signed, false));
        }
        String verb = label(signed);
        String target = OneClickLinks.PATH + "/" + signed.incidentId() + "/" + signed.action().path()
                + "?person=" + URLEncoder.encode(signed.person(), StandardCharsets.UTF_8)
                + "&expires=" + expires
                + "&signature=" + URLEncoder.encode(signature, StandardCharsets.UTF_8);
        return html(HttpStatus.OK, verb + " incident?", "<p>" + describe(incident) + "</p>"
                + "<form method=\"post\" action=\"" + escape(target) + "\">"
                + "<button type=\"submit\">" + escape(verb) + " as " + escape(signed.person()) + "</button></form>");
    }

    @PostMapping("/{incidentId}/{action}")
    ResponseEntity<?> act(@PathVariable String incidentId, @PathVariable String action,
            @RequestParam(required = false) String person, @RequestParam(required = false) String expires,
            @RequestParam(required = false) String signature,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        SignedAction signed = links.verify(incidentId, action, person, expires, signature, clock.instant());
        // The signature stands for the person's consent; whether they may act was decided when they were paged.
        Incident incident = switch (signed.action()) {
            case ACKNOWLEDGE -> response.acknowledge(signed.incidentId(), signed.person(), any -> {
            });
            case RESOLVE -> response.resolve(signed.incidentId(), signed.person(), any -> {
            });
        };
        log.info("Incident {}: {} through a one-click link as {}", incident.id(), signed.action(), signed.person());
        if (wantsJson(accept)) {
            return json(HttpStatus.OK, view(incident, signed, true));
        }
        return html(HttpStatus.OK, "Incident " + incident.status().name().toLowerCase(),
                "<p>" + describe(incident) + "</p><p>Done, as " + escape(signed.person()) + ".</p>");
    }

    @ExceptionHandler(LinkRefused.class)
    ResponseEntity<?> refused(LinkRefused e, WebRequest request) {
        log.warn("One-click link refused: {} {}", e.field(), e.getMessage());
        HttpStatus status = e.isExpired() ? HttpStatus.GONE : HttpStatus.FORBIDDEN;
        if (wantsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            ProblemDetail problem = problem(status, e.isExpired() ? "link-expired" : "link-refused",
                    e.isExpired() ? "Link expired" : "Link refused", "'" + e.field() + "' " + e.getMessage());
            problem.setProperty("errors", List.of(Map.of("field", e.field(), "message", e.getMessage())));
            return problem(problem);
        }
        return html(status, e.isExpired() ? "Link expired" : "Link refused",
                "<p>The link's " + escape(e.field()) + " " + escape(e.getMessage()) + ". Nothing was changed.</p>");
    }

    @ExceptionHandler(IncidentNotFound.class)
    ResponseEntity<?> notFound(IncidentNotFound e, WebRequest request) {
        if (wantsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            return problem(problem(HttpStatus.NOT_FOUND, "incident-not-found", "Incident not found", e.getMessage()));
        }
        return html(HttpStatus.NOT_FOUND, "Incident not found", "<p>" + escape(e.getMessage()) + ".</p>");
    }

    @ExceptionHandler(IncidentAlreadyResolved.class)
    ResponseEntity<?> resolved(IncidentAlreadyResolved e, WebRequest request) {
        if (wantsJson(request.getHeader(HttpHeaders.ACCEPT))) {
            return problem(problem(HttpStatus.CONFLICT, "incident-resolved", "Incident already resolved", e.getMessage()));
        }
        return html(HttpStatus.CONFLICT, "Incident already resolved",
                "<p>" + escape(e.getMessage()) + "; nothing was changed.</p>");
    }

    private static Map<String, Object> view(Incident incident, SignedAction signed, boolean done) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("incidentId", incident.id().toString());
        view.put("action", signed.action().name());
        view.put("person", signed.person());
        view.put("done", done);
        view.put("status", incident.status().name());
        view.put("summary", incident.summary());
        return view;
    }

    private static String describe(Incident incident) {
        return "<strong>" + escape(incident.summary()) + "</strong><br>"
                + "Service " + escape(incident.serviceId() == null ? "unknown" : incident.serviceId())
                + ", severity " + escape(incident.severity().name())
                + ", team " + escape(incident.teamId())
                + ", status " + escape(incident.status().name());
    }

    private static String label(SignedAction signed) {
        return switch (signed.action()) {
            case ACKNOWLEDGE -> "Acknowledge";
            case RESOLVE -> "Resolve";
        };
    }

    private static boolean wantsJson(String accept) {
        if (accept == null) {
            return false;
        }
        return MediaType.parseMediaTypes(accept).stream().anyMatch(type -> !type.isWildcardType()
                && (type.isCompatibleWith(MediaType.APPLICATION_JSON)
                || type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)));
    }

    private static ResponseEntity<?> json(HttpStatus status, Map<String, Object> body) {
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static ResponseEntity<?> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus()).cacheControl(CacheControl.noStore())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    /** The links carry their signature: never cached, never passed on as a referrer. */
    private static ResponseEntity<?> html(HttpStatus status, String title, String body) {
        String page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title)
                + " - Ownwatch</title></head><body><h1>" + escape(title) + "</h1>" + body + "</body></html>";
        return ResponseEntity.status(status).cacheControl(CacheControl.noStore())
                .header("Referrer-Policy", "no-referrer")
                .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8)).body(page);
    }

    private static ProblemDetail problem(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }
}
