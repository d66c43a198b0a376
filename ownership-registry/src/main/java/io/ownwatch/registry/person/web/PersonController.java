package io.ownwatch.registry.person.web;

import java.net.URI;

import io.ownwatch.registry.Contact;
import io.ownwatch.registry.IfMatch;
import io.ownwatch.registry.ItemPage;
import io.ownwatch.registry.Slug;
import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.person.People;
import io.ownwatch.registry.person.Person;
import io.ownwatch.registry.person.PersonNotFound;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * People over HTTP. Changes use optimistic locking as services do: every answer about one person
 * carries {@code ETag: "<version>"}, and PUT and DELETE require {@code If-Match} (428 without it, 412
 * when someone changed the person meanwhile).
 */
@RestController
@RequestMapping("/api/v1/people")
class PersonController {

    private static final String SLACK_MEMBER = "^[A-Z0-9]+$";
    private static final String SLACK_MEMBER_MESSAGE = "must be a Slack member id such as U024BE7LH";
    private static final String WEBHOOK_MESSAGE = "must be an https URL such as https://hooks.slack.com/services/T000/B000/XXXX";
    private static final String PHONE_MESSAGE = "must be an E.164 phone number such as +4915112345678";

    private final People people;

    PersonController(People people) {
        this.people = people;
    }

    record CreatePerson(
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = "must be a slug: lower-case letters, digits and '-', at most 63 characters") String id,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 50) @Pattern(regexp = SLACK_MEMBER, message = SLACK_MEMBER_MESSAGE) String slack,
            @Size(max = 2000) @Pattern(regexp = Contact.HTTPS_URL, message = WEBHOOK_MESSAGE) String slackWebhook,
            @Pattern(regexp = Contact.PHONE, message = PHONE_MESSAGE) String phone) {
    }

    /** A full replacement of name and contact data: a field not given is cleared. The id is the path's. */
    record ReplacePerson(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 50) @Pattern(regexp = SLACK_MEMBER, message = SLACK_MEMBER_MESSAGE) String slack,
            @Size(max = 2000) @Pattern(regexp = Contact.HTTPS_URL, message = WEBHOOK_MESSAGE) String slackWebhook,
            @Pattern(regexp = Contact.PHONE, message = PHONE_MESSAGE) String phone) {
    }

    @Access.Administer
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Person> create(@Valid @RequestBody CreatePerson request) {
        Person person = people.add(new Person(request.id(), request.name(), request.email(), request.slack(),
                request.slackWebhook(), request.phone(), 0));
        return ResponseEntity.created(URI.create("/api/v1/people/" + person.id()))
                .eTag(Long.toString(person.version()))
                .body(person);
    }

    @Access.Read
    @GetMapping
    ItemPage<Person> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return people.list(page, size);
    }

    @Access.Read
    @GetMapping("/{id}")
    ResponseEntity<Person> get(@PathVariable String id) {
        Person person = people.find(id).orElseThrow(() -> new PersonNotFound(id));
        return ResponseEntity.ok().eTag(Long.toString(person.version())).body(person);
    }

    /** An ops-admin changes anyone; everybody else only themselves. */
    @Access.ChangeOwnContact
    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Person> replace(@PathVariable String id, @Valid @RequestBody ReplacePerson request,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        long expected = IfMatch.expectedVersion("person", id, "/api/v1/people/" + id, ifMatch);
        // Not found before anything else: an unknown id in the path need not be a valid one.
        people.find(id).orElseThrow(() -> new PersonNotFound(id));
        Person person = people.replace(new Person(id, request.name(), request.email(), request.slack(),
                request.slackWebhook(), request.phone(), expected), expected);
        return ResponseEntity.ok().eTag(Long.toString(person.version())).body(person);
    }

    /** Refused (409) while a schedule or an escalation policy names the person; team memberships go with the person. */
    @Access.Administer
    @DeleteMapping("/{id}")
    ResponseEntity<Void> delete(@PathVariable String id,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        people.remove(id, IfMatch.expectedVersion("person", id, "/api/v1/people/" + id, ifMatch));
        return ResponseEntity.noContent().build();
    }
}
