package io.ownwatch.registry.person.web;

import java.net.URI;

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
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/people")
class PersonController {

    private final People people;

    PersonController(People people) {
        this.people = people;
    }

    record CreatePerson(
            @NotBlank @Pattern(regexp = Slug.PATTERN, message = "must be a slug: lower-case letters, digits and '-', at most 63 characters") String id,
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 320) String email,
            @Size(max = 50) @Pattern(regexp = "^[A-Z0-9]+$", message = "must be a Slack member id such as U024BE7LH") String slack) {
    }

    @Access.Administer
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Person> create(@Valid @RequestBody CreatePerson request) {
        Person person = people.add(new Person(request.id(), request.name(), request.email(), request.slack()));
        return ResponseEntity.created(URI.create("/api/v1/people/" + person.id())).body(person);
    }

    @Access.Read
    @GetMapping
    ItemPage<Person> list(@RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size) {
        return people.list(page, size);
    }

    @Access.Read
    @GetMapping("/{id}")
    Person get(@PathVariable String id) {
        return people.find(id).orElseThrow(() -> new PersonNotFound(id));
    }
}
