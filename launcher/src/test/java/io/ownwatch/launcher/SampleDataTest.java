package io.ownwatch.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import org.junit.jupiter.api.Test;

/** The sample bundle is packed from the classpath with paths relative to its directory, as errors name them. */
class SampleDataTest {

    @Test
    void packsEverySampleFileWithItsPathInsideTheDirectory() throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(SampleData.bundle()))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                names.add(entry.getName());
                assertThat(zip.readAllBytes()).isNotEmpty();
            }
        }
        assertThat(names).containsExactly("people.yaml", "search/catalog-info.yaml", "teams/identity.yaml",
                "teams/operations.yaml", "teams/payments.yaml", "teams/search.yaml");
    }
}
