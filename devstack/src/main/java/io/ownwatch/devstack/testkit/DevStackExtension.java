package io.ownwatch.devstack.testkit;

import io.ownwatch.devstack.Infrastructure;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Hands the shared {@link TestInfrastructure} to plain JUnit tests:
 * {@code @ExtendWith(DevStackExtension.class)} then take an {@link Infrastructure} parameter in a test,
 * lifecycle method or constructor.
 */
public final class DevStackExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == Infrastructure.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return TestInfrastructure.get();
    }
}
