package io.ownwatch.devstack.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * The provider's RSA signing key, generated on first start and kept as a JWK file under the data directory, so
 * that tokens issued before a restart still verify after it and the published key id stays the same.
 */
final class SigningKey {

    static final String FILE_NAME = "signing-key.jwk.json";

    private SigningKey() {
    }

    static RSAKey loadOrCreate(Path directory) {
        Path file = directory.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            }
            Files.createDirectories(directory);
            RSAKey key = generate();
            Path temporary = Files.createTempFile(directory, "signing-key", ".tmp");
            restrictToOwner(temporary);
            Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
            // Atomic, so a crash never leaves half a key that would fail every later start.
            Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the identity provider's signing key in " + directory, e);
        } catch (ParseException e) {
            throw new IllegalStateException("The signing key file " + file + " is not a JWK: remove it to generate a new key", e);
        }
    }

    private static RSAKey generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(UUID.randomUUID().toString())
                    .build();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is not available in this JVM", e);
        }
    }

    private static void restrictToOwner(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system (Windows): the user's profile directory protects it instead.
        }
    }
}
