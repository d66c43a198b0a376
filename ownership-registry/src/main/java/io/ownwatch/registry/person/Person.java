package io.ownwatch.registry.person;

import io.ownwatch.registry.Contact;
import io.ownwatch.registry.Slug;

/**
 * A person who can be paged and who acts on Ownwatch, with the channels that reach them.
 *
 * @param id           a slug equal to the identity provider's subject ({@code sub}), so a token finds its person
 * @param name         the person's display name
 * @param email        where to reach the person
 * @param slack        the person's Slack member id, or {@code null}
 * @param slackWebhook an https Slack incoming-webhook URL that reaches the person directly, or {@code null}
 * @param phone        an E.164 phone number ({@code +4915112345678}) for SMS or voice, or {@code null}
 * @param version      the row version, incremented on every change: the ETag
 */
public record Person(String id, String name, String email, String slack, String slackWebhook, String phone,
        long version) {

    public Person {
        Slug.require(id, "person id");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("person name must not be blank");
        }
        if (email == null || !email.contains("@")) {
            throw new IllegalArgumentException("person email must be an e-mail address");
        }
        if (slackWebhook != null && !Contact.isHttpsUrl(slackWebhook)) {
            throw new IllegalArgumentException("person slackWebhook must be an https URL");
        }
        if (phone != null && !Contact.isPhone(phone)) {
            throw new IllegalArgumentException("person phone must be an E.164 number such as +4915112345678");
        }
    }

    /** A person known by e-mail and Slack member id only, as before contact channels existed. */
    public Person(String id, String name, String email, String slack) {
        this(id, name, email, slack, null, null, 0);
    }

    /** The same person at another version. */
    public Person withVersion(long newVersion) {
        return new Person(id, name, email, slack, slackWebhook, phone, newVersion);
    }
}
