package io.ownwatch.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ContactTest {

    @ParameterizedTest
    @ValueSource(strings = {"https://hooks.slack.com/services/T/B/X", "https://chat.example.com:8443/hook",
            "http://127.0.0.1:8025/hooks/slack/bob", "http://localhost/hook", "http://[::1]:9000/"})
    void acceptsHttpsAnywhereAndPlainHttpToLoopbackOnly(String url) {
        assertThat(Contact.isHttpsUrl(url)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://hooks.slack.com/services/T/B/X", "http://127.0.0.1.evil.example/hook",
            "http://localhost.example.com/", "http://10.0.0.1/hook", "ftp://127.0.0.1/", "https://", "hooks.slack.com",
            "https://host/with space"})
    void refusesClearTextBeyondLoopbackAndMalformedUrls(String url) {
        assertThat(Contact.isHttpsUrl(url)).isFalse();
    }
}
