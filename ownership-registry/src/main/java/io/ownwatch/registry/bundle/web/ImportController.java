package io.ownwatch.registry.bundle.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import io.ownwatch.registry.access.Access;
import io.ownwatch.registry.bundle.BundleFile;
import io.ownwatch.registry.bundle.BundleFiles;
import io.ownwatch.registry.bundle.BundleImport;
import io.ownwatch.registry.bundle.BundleTooLarge;
import io.ownwatch.registry.bundle.ImportProperties;
import io.ownwatch.registry.bundle.ImportResult;
import io.ownwatch.registry.bundle.InvalidBundle;
import io.ownwatch.registry.bundle.BundleError;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.multipart.MultipartHttpServletRequest;

/**
 * {@code POST /api/v1/import}: a bundle as a zip, as one multi-document YAML, or as several uploaded
 * files. Ops-admins only, because a bundle may change every team. {@code dryRun=true} answers the same
 * diff and writes nothing.
 */
@RestController
class ImportController {

    static final String PATH = "/api/v1/import";
    /** The name errors give the body of a single-YAML upload. */
    static final String YAML_BODY = "bundle.yaml";

    private final BundleImport bundleImport;
    private final long limit;

    ImportController(BundleImport bundleImport, ImportProperties properties) {
        this.bundleImport = bundleImport;
        this.limit = properties.maxSize().toBytes();
    }

    @Access.Administer
    @PostMapping(path = PATH, consumes = {"application/zip", "application/x-zip-compressed"})
    ImportResult importZip(@RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request) {
        return bundleImport.run(BundleFiles.unzip(body(request), limit), dryRun);
    }

    @Access.Administer
    @PostMapping(path = PATH, consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
    ImportResult importYaml(@RequestParam(defaultValue = "false") boolean dryRun, HttpServletRequest request) {
        return bundleImport.run(List.of(new BundleFile(YAML_BODY, body(request))), dryRun);
    }

    /** Every uploaded part is a file of the bundle, named by its file name (or its part name when it has none). */
    @Access.Administer
    @PostMapping(path = PATH, consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ImportResult importFiles(@RequestParam(defaultValue = "false") boolean dryRun, MultipartHttpServletRequest request) {
        List<BundleFile> files = new ArrayList<>();
        long total = 0;
        for (List<MultipartFile> parts : request.getMultiFileMap().values()) {
            for (MultipartFile part : parts) {
                total += part.getSize();
                if (total > limit) {
                    throw new BundleTooLarge(limit);
                }
                String name = part.getOriginalFilename() == null || part.getOriginalFilename().isBlank()
                        ? part.getName() : part.getOriginalFilename();
                try (InputStream in = part.getInputStream()) {
                    files.add(new BundleFile(name, BundleFiles.readAtMost(in, limit)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        if (files.isEmpty()) {
            throw new InvalidBundle(List.of(new BundleError("(upload)", 1, 1, "", "no file was uploaded")));
        }
        return bundleImport.run(files, dryRun);
    }

    private byte[] body(HttpServletRequest request) {
        if (request.getContentLengthLong() > limit) {
            throw new BundleTooLarge(limit); // refused before reading a byte
        }
        try (InputStream in = request.getInputStream()) {
            return BundleFiles.readAtMost(in, limit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
