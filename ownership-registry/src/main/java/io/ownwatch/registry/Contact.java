package io.ownwatch.registry;

import java.util.regex.Pattern;

/**
 * The shapes of contact addresses, checked the same way in requests (naming the field) and in domain
 * records (which guard themselves): a notification that fails at 3 a.m. because an address was never
 * valid is worse than a refused save.
 */
public final class Contact {

    /** E.164: a plus, a country code not starting with 0, at most 15 digits in all, nothing else. */
    public static final String PHONE = "^\\+[1-9][0-9]{1,14}$";

    /**
     * An https URL with a host: webhooks carry incident details and must not travel in clear text. Plain http is
     * accepted only to this machine's loopback (a local relay, the embedded run's dev inbox, a test's server),
     * where nothing crosses a network.
     */
    public static final String HTTPS_URL =
            "^(https://[A-Za-z0-9.-]+|http://(127\\.0\\.0\\.1|localhost|\\[::1\\]))(:[0-9]{1,5})?(/[^\\s]*)?$";

    /** Deliberately loose (something@domain.tld): mail servers, not regexes, decide what is deliverable. */
    public static final String EMAIL = "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$";

    private static final Pattern PHONE_PATTERN = Pattern.compile(PHONE);
    private static final Pattern HTTPS_URL_PATTERN = Pattern.compile(HTTPS_URL);
    private static final Pattern EMAIL_PATTERN = Pattern.compile(EMAIL);

    private Contact() {
    }

    public static boolean isPhone(String value) {
        return value != null && PHONE_PATTERN.matcher(value).matches();
    }

    public static boolean isHttpsUrl(String value) {
        return value != null && value.length() <= 2000 && HTTPS_URL_PATTERN.matcher(value).matches();
    }

    public static boolean isEmail(String value) {
        return value != null && EMAIL_PATTERN.matcher(value).matches();
    }
}
