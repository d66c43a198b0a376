package io.ownwatch.edge.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * A token's {@code roles} ({@code ops-admin} -> {@code ROLE_OPS_ADMIN}) and {@code scope} ({@code x} ->
 * {@code SCOPE_x}) as authorities, so services write {@code hasRole('RESPONDER')} or {@code hasAuthority('SCOPE_registry.resolve')}.
 */
final class JwtAuthorities implements Converter<Jwt, Collection<GrantedAuthority>> {

    @Override
    public Collection<GrantedAuthority> convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        List<String> roles = jwt.getClaimAsStringList("roles");
        if (roles != null) {
            roles.forEach(role -> authorities.add(new SimpleGrantedAuthority(
                    "ROLE_" + role.toUpperCase(Locale.ROOT).replace('-', '_'))));
        }
        Object scope = jwt.getClaim("scope");
        if (scope instanceof String scopes) {
            for (String one : scopes.split(" ")) {
                if (!one.isBlank()) {
                    authorities.add(new SimpleGrantedAuthority("SCOPE_" + one));
                }
            }
        } else if (scope instanceof Collection<?> scopes) {
            scopes.forEach(one -> authorities.add(new SimpleGrantedAuthority("SCOPE_" + one)));
        }
        return authorities;
    }
}
