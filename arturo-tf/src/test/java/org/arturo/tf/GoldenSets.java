package org.arturo.tf;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where the golden replays find their vector sets: the shipped copies under a test resource directory
 * (src/test/resources/golden, .../golden-noise) plus, when an environment variable names one, every
 * {@code *.json} in another directory (ARTURO_GOLDEN_DIR, ARTURO_NOISE_GOLDEN_DIR). A variable that
 * names a directory that is missing, unreadable or holds no {@code *.json} fails the test: a set that
 * was meant to run must not pass by running nothing.
 */
public final class GoldenSets {
    private GoldenSets() {
    }

    /** The shipped files (at least {@code minimumShipped}), then those of {@code $variable} when it is set. */
    public static List<Path> files(String resource, int minimumShipped, String variable) {
        List<Path> files = new ArrayList<>(shipped(resource));
        if (files.size() < minimumShipped) {
            fail("expected at least " + minimumShipped + " shipped golden files under " + resource + ", found " + files);
        }
        files.addAll(external(variable, System.getenv(variable)));
        return files;
    }

    /** Every {@code *.json} in the test resource directory {@code resource} (e.g. "/golden"), sorted. */
    public static List<Path> shipped(String resource) {
        URL url = GoldenSets.class.getResource(resource);
        if (url == null) {
            fail("test resource directory " + resource + " is missing");
        }
        try {
            return jsonFiles(Paths.get(url.toURI()), resource);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(resource, e);
        }
    }

    /**
     * Every {@code *.json} in the directory {@code value} of the environment variable {@code variable};
     * none when it is unset or blank. Fails when it names no readable directory or one without {@code *.json}.
     */
    public static List<Path> external(String variable, String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        String what = variable + "=" + value;
        Path dir = Paths.get(value);
        if (!Files.isDirectory(dir)) {
            fail(what + " is not a directory");
        }
        if (!Files.isReadable(dir)) {
            fail(what + " is not readable");
        }
        List<Path> files = jsonFiles(dir, what);
        if (files.isEmpty()) {
            fail(what + " holds no *.json");
        }
        return files;
    }

    private static List<Path> jsonFiles(Path dir, String what) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new AssertionError("cannot list " + what + ": " + e, e);
        }
    }
}
