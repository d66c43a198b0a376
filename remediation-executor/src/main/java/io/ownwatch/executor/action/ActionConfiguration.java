package io.ownwatch.executor.action;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The actions' configuration and the secrets they may reference. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ActionProperties.class)
class ActionConfiguration {

    @Bean
    Secrets actionSecrets(ActionProperties properties) {
        return new Secrets(properties.secrets());
    }
}
