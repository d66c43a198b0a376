package io.ownwatch.registry.person;

import io.ownwatch.registry.Slug;

/**
 * A person who can be paged and who acts on Ownwatch.
 *
 * @param id    a slug equal to the identity provider's subject ({@code sub}), so a token finds its person
 * @param name  the person's display name
 * @param email where to reach the person
 * @param slack the person's Slack member id, or {@code null}
 */
public record Person(String id, String name, String email, String slack) {

    public Person {
        Slug.require(id, "person id");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("person name must not be blank");
        }
        if (email == null || !email.contains("@")) {
            throw new IllegalArgumentException("person email must be an e-mail address");
        }
    }
}
