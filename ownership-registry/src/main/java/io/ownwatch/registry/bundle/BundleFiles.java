package io.ownwatch.registry.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/** Turns what was uploaded into bundle files, never reading more than the limit, packed or unpacked. */
public final class BundleFiles {

    private BundleFiles() {
    }

    /** Reads at most {@code limit} bytes; more is {@link BundleTooLarge}. */
    public static byte[] readAtMost(InputStream in, long limit) {
        try {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new BundleTooLarge(limit);
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The {@code .yaml} and {@code .yml} files of a zip, by their path inside it; other files (a README,
     * {@code __MACOSX} metadata) are skipped. The unpacked total is held to {@code limit}, so a small zip
     * cannot inflate into a large bundle.
     */
    public static List<BundleFile> unzip(byte[] zip, long limit) {
        List<BundleFile> files = new ArrayList<>();
        long total = 0;
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                String name = entry.getName();
                if (entry.isDirectory() || !isYaml(name) || name.startsWith("__MACOSX/") || name.contains("/.")
                        || name.startsWith(".")) {
                    continue;
                }
                byte[] content = readAtMost(in, limit - total);
                total += content.length;
                files.add(new BundleFile(name.startsWith("./") ? name.substring(2) : name, content));
            }
        } catch (ZipException e) {
            throw new InvalidBundle(List.of(new BundleError("(zip)", 1, 1, "", "not a readable zip archive: " + e.getMessage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            throw new InvalidBundle(List.of(new BundleError("(zip)", 1, 1, "", "the zip contains no .yaml or .yml file")));
        }
        return files;
    }

    static boolean isYaml(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return lower.endsWith(".yaml") || lower.endsWith(".yml");
    }
}
